import { AccountFindingAcknowledged } from '@hoga/contracts';
import { storedEnvelope, type RecordedEvent } from '@hoga/event-store';
import { decodeWith } from '@hoga/model';
import type { PositionAudit } from './position-audit.js';
import type { RiskAudit } from './risk-replay.js';
import { inWindow, type TimeWindow } from './time-window.js';

/** One operator command as the store recorded it: who, what, when, on what, and the result. */
export interface OperatorCommand {
  readonly at: string;
  /** When the store recorded it (ISO-8601): what a time window selects by. */
  readonly recordedAt: string;
  readonly by: string;
  /** The stored event that records it (`CloseRequested`, `TradingStateChanged`, ...). */
  readonly command: string;
  /**
   * The position id, `trading` for the risk state and the loss limit, or `account-findings` for
   * an acknowledgement of the account watch's finding (the command names the finding).
   */
  readonly target: string;
  readonly reason: string | null;
  readonly commandId: string | null;
  /**
   * `applied`: the machine (or the risk stream's checks) accepted it; `refused`: the position
   * machine refused the stored event (a finding says why), or an acknowledgement the account
   * watch would not have recorded (no such finding before it, already acknowledged, or it does
   * not decode).
   */
  readonly result: 'applied' | 'refused';
  readonly version: number;
}

/** The text of a field of undecoded event data, for listing what does not decode. */
const field = (data: unknown, key: string): string | null => {
  const v = (data as Record<string, unknown> | null)?.[key];
  return typeof v === 'string' ? v : null;
};

/**
 * The operators' acknowledgements of the account watch's findings (ADR 0026), from the
 * `account-findings` stream in version order: who acknowledged which finding, when, why, and
 * whether the stream bears it out — `applied` when that finding was recorded before it and not
 * acknowledged yet (what order-executor checks before recording one), else `refused`.
 */
export function findingAcknowledgements(rows: readonly RecordedEvent[]): OperatorCommand[] {
  const recorded = new Set<string>();
  const acknowledged = new Set<string>();
  const acks: OperatorCommand[] = [];
  for (const row of rows) {
    if (row.type === 'AccountFindingRecorded') {
      const finding = (row.data as { finding?: unknown } | null)?.finding;
      const id = field(finding, 'findingId');
      if (id !== null) recorded.add(id);
      continue;
    }
    if (row.type !== 'AccountFindingAcknowledged') continue;
    const decoded = decodeWith(AccountFindingAcknowledged, storedEnvelope(row));
    const findingId = field(row.data, 'findingId') ?? '?';
    const applies =
      decoded._tag === 'Right' && recorded.has(findingId) && !acknowledged.has(findingId);
    if (applies) acknowledged.add(findingId);
    acks.push({
      at: decoded._tag === 'Right' ? decoded.right.data.at : row.metadata.occurredAt,
      recordedAt: row.recordedAt.toISOString(),
      by: field(row.data, 'issuedBy') ?? '?',
      command: `${row.type} ${findingId}`,
      target: 'account-findings',
      reason:
        decoded._tag === 'Right'
          ? decoded.right.data.reason
          : `does not decode: ${decoded.left.message}`,
      commandId: field(row.data, 'commandId'),
      result: applies ? 'applied' : 'refused',
      version: row.streamVersion,
    });
  }
  return acks;
}

/**
 * Every operator command in the audited streams, oldest first: the runs (`PositionOpened`, by
 * whoever opened it) and position commands of each position's timeline, the risk stream's
 * state changes and loss limit moves made by someone (not by `loss-limit`), and the
 * acknowledgements of the account watch's findings (`findingAcknowledgements`). With `window`,
 * only the commands recorded in it.
 */
export function operatorCommands(
  positions: readonly PositionAudit[],
  risk: RiskAudit | null,
  window: TimeWindow | null = null,
  acknowledgements: readonly OperatorCommand[] = [],
): OperatorCommand[] {
  const fromPositions = positions.flatMap((p) =>
    p.timeline.flatMap((e): OperatorCommand[] =>
      e.by === null
        ? []
        : [
            {
              at: e.at,
              recordedAt: e.recordedAt,
              by: e.by,
              command: e.type,
              target: p.summary.positionId,
              reason: e.type === 'PositionOpened' ? null : e.detail,
              commandId: e.commandId,
              result: e.refused ? 'refused' : 'applied',
              version: e.version,
            },
          ],
    ),
  );
  const fromRisk = (risk?.timeline ?? []).flatMap((e): OperatorCommand[] =>
    e.by === null || e.by === 'loss-limit'
      ? []
      : [
          {
            at: e.at,
            recordedAt: e.recordedAt,
            by: e.by,
            command: e.change === null ? e.type : `${e.type} ${e.change}`,
            target: 'trading',
            reason: e.reason,
            commandId: e.commandId,
            result: 'applied',
            version: e.version,
          },
        ],
  );
  return [...fromPositions, ...fromRisk, ...acknowledgements]
    .filter((c) => inWindow(c.recordedAt, window))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
