import { eventStreams } from '@hoga/contracts';
import { chainLink, contentHash, type NewEvent, type RecordedEvent } from '@hoga/event-store';

const at = (minute: number): string => new Date(Date.UTC(2026, 11, 7, 2, minute)).toISOString();

/**
 * The `risk` stream of a day with a breach, as risk-guard records it: `cli:bob@desk` arms a 5 %
 * loss limit on 1,000,000 KRW; the loss reaches 60,000 KRW (limit 50,000): breached, HALTED by
 * `loss-limit`; `cli:bob@desk` resumes with a command.
 */
export function riskLife(): NewEvent[] {
  let n = 0;
  const event = (type: string, minute: number, data: Record<string, unknown>): NewEvent => {
    n += 1;
    return {
      type,
      data,
      metadata: {
        eventId: `risk-ev${n}`,
        occurredAt: at(minute),
        causationId: null,
        correlationId: `risk-${n}`,
      },
    };
  };
  const limit = { ratePct: '5', equityAtArming: '1000000', unrealizedPnlAtArming: '0' };
  return [
    event('LossLimitArmed', 0, {
      ...limit,
      armedAt: at(0),
      by: 'cli:bob@desk',
      reason: 'start of day',
      commandId: 'arm-1',
    }),
    event('LossLimitBreached', 30, {
      ...limit,
      evaluation: {
        totalUnrealizedPnl: '-60000',
        realizedPnlSinceArming: '0',
        pnlSinceArming: '-60000',
        lossKrw: '60000',
        lossRatePct: '6',
        limitKrw: '50000',
        breached: true,
      },
      at: at(30),
    }),
    event('TradingStateChanged', 30, {
      from: 'ACTIVE',
      to: 'HALTED',
      by: 'loss-limit',
      reason: 'loss 60000 KRW reached the limit 50000 KRW',
      at: at(30),
      commandId: null,
    }),
    event('TradingStateChanged', 45, {
      from: 'HALTED',
      to: 'ACTIVE',
      by: 'cli:bob@desk',
      reason: 'checked, market calm',
      at: at(45),
      commandId: 'resume-1',
    }),
  ];
}

/** The risk events as the store gives them back (versions 1..n), chained as a store chains them. */
export const recordedRisk = (events: readonly NewEvent[]): RecordedEvent[] => {
  let hash: string | null = null;
  return events.map((e, i) => {
    hash = chainLink(
      hash,
      contentHash({
        streamId: eventStreams.risk,
        type: e.type,
        data: e.data,
        metadata: e.metadata,
      }),
    );
    return {
      streamId: eventStreams.risk,
      streamVersion: i + 1,
      globalPosition: BigInt(i + 1),
      transactionId: BigInt(i + 1),
      type: e.type,
      data: e.data,
      metadata: e.metadata,
      recordedAt: new Date(e.metadata.occurredAt),
      hash,
    };
  });
};
