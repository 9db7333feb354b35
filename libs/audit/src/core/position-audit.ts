import type { Decimal } from '@hoga/model';
import { realizedPnl, totalFees, type PositionPhase } from '@hoga/position';
import type { ExecutorRecords, ExecutorTrade } from './executor-records.js';
import { discrepancy, isDiscrepancy, type Finding } from './finding.js';
import type { PositionReplay } from './position-replay.js';
import type { TimelineEntry } from './timeline.js';
import { dustAndOpenness } from './checks/dust.checks.js';
import { hashChainIntact } from './checks/chain.checks.js';
import type { ChainVerdict } from '@hoga/event-store';
import { feeRules } from './checks/fee.checks.js';
import { ordersMatchIntents } from './checks/intent.checks.js';
import {
  fillsMatchTrades,
  realizedPnlMatches,
  tradesApplied,
  tradesRealizedPnl,
} from './checks/ledger.checks.js';

/** One position's line of the summary table (money as exact decimal strings). */
export interface PositionSummary {
  readonly positionId: string;
  readonly market: string | null;
  readonly strategyId: string | null;
  readonly status: PositionPhase;
  readonly events: number;
  readonly fills: number;
  /** Realized PnL of the fold of the events. */
  readonly realizedPnlKrw: string;
  /** Realized PnL of order-executor's trades rows of the position's orders. */
  readonly tradesPnlKrw: string;
  readonly feesKrw: string;
  readonly closeReason: string | null;
  readonly dustVolume: string | null;
  readonly discrepancies: number;
  readonly notes: number;
  /**
   * The hash of the stream's last event when its chain holds (ADR 0051), null otherwise: keep it
   * to prove later that the stream was not cut or rewritten from an earlier point.
   */
  readonly chainHead: string | null;
}

/**
 * The audit of one position: its summary line, its timeline (empty when the audit kept no
 * timelines, `AuditOptions.timelines`) and its findings.
 */
export interface PositionAudit {
  readonly summary: PositionSummary;
  readonly timeline: readonly TimelineEntry[];
  readonly findings: readonly Finding[];
}

/** What the audit knows beyond the stream. */
export interface PositionAuditInputs {
  readonly records: ExecutorRecords;
  /** The stream's version as the store's `streams` table records it (0: none recorded). */
  readonly head: number;
  /** The fee rates a trade may be charged (Upbit KRW: 0.0005). */
  readonly feeRates: readonly Decimal[];
  /** The walk of the stream's hash chain (against its streams row). */
  readonly chain: ChainVerdict;
}

/** The trades rows of the position: those of its intents' orders and of its own orders rows. */
function tradesOf(replay: PositionReplay, records: ExecutorRecords): ExecutorTrade[] {
  const orderIds = new Set([
    ...replay.intents.map((i) => i.request.orderId),
    ...(records.ordersByPosition.get(replay.positionId) ?? []).map((o) => o.orderId),
  ]);
  return [...orderIds].flatMap((id) => records.tradesByOrder.get(id) ?? []);
}

/** stream-gapless at the end: the last event read is the stream's recorded version. */
function headMatches(replay: PositionReplay, head: number): Finding[] {
  if (head === replay.lastVersion) return [];
  return [
    discrepancy(
      'stream-gapless',
      replay.positionId,
      head > replay.lastVersion
        ? `the stream is at version ${head} but its last stored event is version ${replay.lastVersion}: ${head - replay.lastVersion} event(s) missing at the end`
        : `the stream's recorded version is ${head}, below its last stored event ${replay.lastVersion}`,
      { recordedVersion: head, lastEvent: replay.lastVersion },
    ),
  ];
}

/** Runs the checks that need order-executor's records, and sums the position up. */
export function auditPosition(replay: PositionReplay, inputs: PositionAuditInputs): PositionAudit {
  const { records } = inputs;
  const s = replay.snapshot;
  // Closed: the stream holds a close (even one the machine refused). Until then a trade may be
  // on its way to the position, so PnL is compared over the trades the stream has fills of.
  const closed = replay.sawClose;
  const trades = tradesOf(replay, records);
  const filled = new Set(replay.fills.map((f) => f.fill.tradeUuid));
  const fromEvents = realizedPnl(s.context);
  const fromTrades = tradesRealizedPnl(
    closed ? trades : trades.filter((t) => filled.has(t.tradeUuid)),
  );
  const findings: Finding[] = [
    ...replay.findings,
    ...headMatches(replay, inputs.head),
    ...hashChainIntact(replay.positionId, inputs.chain),
    ...fillsMatchTrades(replay.positionId, replay.fills, records.tradesByUuid),
    ...tradesApplied(replay.positionId, trades, replay.fills, closed),
    ...realizedPnlMatches(replay.positionId, fromEvents, fromTrades),
    ...ordersMatchIntents(
      replay.positionId,
      replay.intents,
      records.ordersByPosition.get(replay.positionId) ?? [],
      records.ordersById,
      closed,
    ),
    ...feeRules(replay.positionId, trades, inputs.feeRates),
    ...dustAndOpenness(replay.positionId, s),
  ];
  // In stream order; findings about no single event last.
  findings.sort((a, b) => (a.version ?? Infinity) - (b.version ?? Infinity));
  const discrepancies = findings.filter(isDiscrepancy).length;
  const info = s.context.info;
  return {
    summary: {
      positionId: replay.positionId,
      market: info?.market ?? null,
      strategyId: info?.strategyId ?? null,
      status: s.status,
      events: replay.events,
      fills: replay.fills.length,
      realizedPnlKrw: fromEvents.toString(),
      tradesPnlKrw: fromTrades.toString(),
      feesKrw: totalFees(s.context).toString(),
      closeReason: s.context.closed?.reason ?? null,
      dustVolume:
        s.context.closed?.dustVolume.isZero() === false
          ? s.context.closed.dustVolume.toString()
          : null,
      discrepancies,
      notes: findings.length - discrepancies,
      chainHead: inputs.chain.ok ? inputs.chain.head : null,
    },
    timeline: replay.timeline,
    findings,
  };
}
