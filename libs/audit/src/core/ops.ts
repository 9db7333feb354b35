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
  /** The position id, or `trading` for the risk state and the loss limit. */
  readonly target: string;
  readonly reason: string | null;
  readonly commandId: string | null;
  /**
   * `applied`: the machine (or the risk stream's checks) accepted it; `refused`: the position
   * machine refused the stored event (a finding says why).
   */
  readonly result: 'applied' | 'refused';
  readonly version: number;
}

/**
 * Every operator command in the audited streams, oldest first: the runs (`PositionOpened`, by
 * whoever opened it) and position commands of each position's timeline, and the risk stream's
 * state changes and loss limit moves made by someone (not by `loss-limit`). With `window`, only
 * the commands recorded in it.
 */
export function operatorCommands(
  positions: readonly PositionAudit[],
  risk: RiskAudit | null,
  window: TimeWindow | null = null,
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
  return [...fromPositions, ...fromRisk]
    .filter((c) => inWindow(c.recordedAt, window))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
