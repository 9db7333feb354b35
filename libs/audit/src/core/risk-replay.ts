import { eventStreams, RiskEvent } from '@hoga/contracts';
import { ChainWalk, storedEnvelope, type ChainHead, type RecordedEvent } from '@hoga/event-store';
import { decodeWith } from '@hoga/model';
import { evaluateLossLimit } from '@hoga/risk';
import { hashChainIntact } from './checks/chain.checks.js';
import { discrepancy, type Finding } from './finding.js';
import { inWindow, type TimeWindow } from './time-window.js';

/** One line of the risk stream's timeline (figures as exact decimal strings). */
export interface RiskTimelineEntry {
  readonly version: number;
  readonly at: string;
  /** When the store recorded it (ISO-8601): what a time window selects by. */
  readonly recordedAt: string;
  readonly type: string;
  /** `ACTIVE -> HALTED` for a state change. */
  readonly change: string | null;
  /** The operator, or `loss-limit`. */
  readonly by: string | null;
  readonly reason: string | null;
  readonly commandId: string | null;
  /** Loss limit figures: rate, equity at arming, loss, limit. */
  readonly figures: Readonly<Record<string, string>>;
}

/** The audit of the `risk` stream. */
export interface RiskAudit {
  readonly timeline: readonly RiskTimelineEntry[];
  readonly findings: readonly Finding[];
}

const LIMIT_FIELDS = ['lossKrw', 'lossRatePct', 'limitKrw', 'pnlSinceArming', 'breached'] as const;

/**
 * The replay of the `risk` stream (risk-guard its single writer), fed in version order: every
 * trading-state transition with who and why, the loss limit armed, breached (with the figures),
 * disarmed. Checks: versions gapless, each event decodes, each state change starts in the state
 * the last one ended in and changes it, HALTED is left only by an operator command, and a
 * breach's figures are `evaluateLossLimit` (libs/risk) of its own inputs and reach the limit.
 */
export class RiskReplay {
  readonly timeline: RiskTimelineEntry[] = [];
  readonly findings: Finding[] = [];
  readonly #chain = new ChainWalk();
  #lastVersion = 0;
  #state: string | null = null;

  add(row: RecordedEvent): void {
    const v = row.streamVersion;
    this.#chain.add(row);
    if (v !== this.#lastVersion + 1)
      this.findings.push(
        discrepancy(
          'stream-gapless',
          null,
          `risk stream versions jump from ${this.#lastVersion} to ${v}`,
          { after: this.#lastVersion, next: v },
          v,
        ),
      );
    this.#lastVersion = v;
    const decoded = decodeWith(RiskEvent, storedEnvelope(row));
    if (decoded._tag === 'Left') {
      this.findings.push(
        discrepancy(
          'event-decodes',
          null,
          `risk ${row.type} at version ${v} does not decode: ${decoded.left.message}`,
          {},
          v,
        ),
      );
      return;
    }
    const e = decoded.right;
    const base = {
      version: v,
      at: e.occurredAt,
      recordedAt: row.recordedAt.toISOString(),
      type: e.type,
      figures: {},
    };
    switch (e.type) {
      case 'TradingStateChanged':
        this.#checkChange(v, e.data.from, e.data.to, e.data.commandId);
        this.#state = e.data.to;
        this.timeline.push({
          ...base,
          change: `${e.data.from} -> ${e.data.to}`,
          by: e.data.by,
          reason: e.data.reason,
          commandId: e.data.commandId,
        });
        return;
      case 'LossLimitArmed':
      case 'LossLimitDisarmed':
        this.timeline.push({
          ...base,
          change: null,
          by: e.data.by,
          reason: e.data.reason,
          commandId: e.data.commandId,
          figures:
            e.type === 'LossLimitArmed'
              ? {
                  ratePct: e.data.ratePct.toString(),
                  equityAtArming: e.data.equityAtArming.toString(),
                }
              : {},
        });
        return;
      case 'LossLimitBreached': {
        const stored = e.data.evaluation;
        const expected = evaluateLossLimit(e.data, stored);
        const off = LIMIT_FIELDS.filter((f) => String(expected[f]) !== String(stored[f]));
        if (off.length > 0 || !stored.breached)
          this.findings.push(
            discrepancy(
              'breach-figures',
              null,
              `the breach at version ${v} does not add up: ` +
                (off.length > 0
                  ? off
                      .map((f) => `${f} ${String(stored[f])} (expected ${String(expected[f])})`)
                      .join(', ')
                  : 'its evaluation is not a breach'),
              {
                version: v,
                lossKrw: stored.lossKrw.toString(),
                limitKrw: stored.limitKrw.toString(),
              },
              v,
            ),
          );
        this.timeline.push({
          ...base,
          change: null,
          by: 'loss-limit',
          reason: null,
          commandId: null,
          figures: {
            ratePct: e.data.ratePct.toString(),
            equityAtArming: e.data.equityAtArming.toString(),
            lossKrw: stored.lossKrw.toString(),
            lossRatePct: stored.lossRatePct.toString(),
            limitKrw: stored.limitKrw.toString(),
          },
        });
      }
    }
  }

  #checkChange(v: number, from: string, to: string, commandId: string | null): void {
    if (this.#state !== null && from !== this.#state)
      this.findings.push(
        discrepancy(
          'risk-transition',
          null,
          `the trading state changes from ${from} at version ${v}, but it was ${this.#state}`,
          { from, was: this.#state },
          v,
        ),
      );
    if (from === to)
      this.findings.push(
        discrepancy(
          'risk-transition',
          null,
          `a change from ${from} to itself at version ${v}`,
          {},
          v,
        ),
      );
    if (from === 'HALTED' && commandId === null)
      this.findings.push(
        discrepancy(
          'risk-transition',
          null,
          `HALTED was left at version ${v} without an operator command`,
          { to },
          v,
        ),
      );
  }

  /**
   * The audit; `head` is the stream's version in the `streams` table, `chainHead` its hash-chain
   * head there (ADR 0051; without it the chain is checked link by link only).
   */
  finish(head: number, chainHead?: ChainHead): RiskAudit {
    const findings = [
      ...this.findings,
      ...hashChainIntact(null, this.#chain.verdict(chainHead), eventStreams.risk),
    ];
    if (head !== this.#lastVersion)
      findings.push(
        discrepancy(
          'stream-gapless',
          null,
          `the risk stream is at version ${head} but its last stored event is version ${this.#lastVersion}`,
          { recordedVersion: head, lastEvent: this.#lastVersion },
        ),
      );
    return { timeline: this.timeline, findings };
  }
}

/**
 * The risk audit cut to a window: the timeline of the events recorded in it. The stream is still
 * checked whole (a change is legal or not by what came before it), so every finding stays.
 */
export const riskAuditIn = (audit: RiskAudit, window: TimeWindow | null): RiskAudit =>
  window === null
    ? audit
    : { ...audit, timeline: audit.timeline.filter((e) => inWindow(e.recordedAt, window)) };
