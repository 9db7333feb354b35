import { eventStreams, positionIdOfStream } from '@hoga/contracts';
import {
  againstHead,
  ChainWalk,
  type ChainHead,
  type ChainVerdict,
  type RecordedEvent,
} from '@hoga/event-store';
import { DEFAULT_FEE_RATE, ZERO, type Decimal, type PositionId } from '@hoga/model';
import type { ExecutorRecords } from './executor-records.js';
import { discrepancy, isDiscrepancy, type Finding } from './finding.js';
import { PositionReplay } from './position-replay.js';
import { auditPosition, type PositionAudit } from './position-audit.js';
import { tradesAppliedOnce } from './checks/ledger.checks.js';
import { identifiersUnique } from './checks/intent.checks.js';

/** What was audited: one position, the positions with events in a time window, or all. */
export type AuditScope =
  | { readonly kind: 'position'; readonly positionId: string }
  | {
      readonly kind: 'window';
      /** ISO-8601, inclusive. */
      readonly from: string;
      /** ISO-8601, exclusive. */
      readonly to: string;
      readonly market: string | null;
    }
  | { readonly kind: 'all' };

export interface AuditOptions {
  /** Also fold every event through xstate's own `transition` and compare (slower). */
  readonly reference?: boolean;
  /** The fee rates a trade may be charged (default Upbit KRW's 0.0005, maker and taker). */
  readonly feeRates?: readonly Decimal[];
  /**
   * Keep each position's timeline in the report (default true). False leaves every timeline
   * empty and changes nothing else (summary, findings and their evidence, totals): what a report
   * that prints no timeline needs (`hoga audit ... --summary`), at much less memory and garbage
   * collection (a timeline entry is ~1 KB an event).
   */
  readonly timelines?: boolean;
  /**
   * Walk each stream's hash chain while folding (default true). False: the chains are walked
   * elsewhere (another thread over the same rows) and `finish` takes their verdicts
   * (`AuditInputs.walkedChains`); everything else is the same.
   */
  readonly walkChains?: boolean;
}

/** The whole audit: per-position audits, store-wide findings, totals and the verdict. */
export interface AuditReport {
  readonly scope: AuditScope;
  readonly reference: boolean;
  /** `clean`: no discrepancy (notes allowed); exit code 0. `discrepancies`: exit code 1. */
  readonly verdict: 'clean' | 'discrepancies';
  readonly positions: readonly PositionAudit[];
  /** Findings about the store as a whole or across positions. */
  readonly findings: readonly Finding[];
  readonly totals: {
    readonly positions: number;
    readonly events: number;
    readonly discrepancies: number;
    readonly notes: number;
    readonly realizedPnlKrw: string;
    readonly tradesPnlKrw: string;
  };
}

/** What finishing an audit needs besides the events. */
export interface AuditInputs {
  readonly records: ExecutorRecords;
  /** Each audited stream's version in the `streams` table. */
  readonly heads: ReadonlyMap<string, number>;
  /**
   * Each audited stream's hash-chain head in the `streams` table (ADR 0051); a stream missing
   * here is checked link by link without its head.
   */
  readonly chainHeads?: ReadonlyMap<string, ChainHead>;
  /**
   * With `walkChains: false`: each stream's chain verdict as walked elsewhere over the same
   * events, without its head (`ChainWalk.verdict()`); a stream missing here had no events.
   */
  readonly walkedChains?: ReadonlyMap<string, ChainVerdict>;
}

/**
 * An audit in progress: feed it the stored events of position streams (each stream in version
 * order; streams may interleave, as a read of all events in commit order gives them), then
 * `finish` with order-executor's records. Pure: no I/O, no clock; other streams are ignored.
 */
export class AuditRun {
  readonly #replays = new Map<string, PositionReplay>();
  readonly #chains = new Map<string, ChainWalk>();
  readonly #reference: boolean;
  readonly #feeRates: readonly Decimal[];
  readonly #timelines: boolean;
  readonly #walkChains: boolean;
  #events = 0;
  /** The stream of the last event added, with its replay and chain walk. */
  #last: { streamId: string; replay: PositionReplay; chain: ChainWalk | null } | null = null;

  constructor(
    readonly scope: AuditScope,
    options: AuditOptions = {},
  ) {
    this.#reference = options.reference ?? false;
    this.#feeRates = options.feeRates ?? [DEFAULT_FEE_RATE];
    this.#timelines = options.timelines ?? true;
    this.#walkChains = options.walkChains ?? true;
  }

  #replayOf(positionId: string): PositionReplay {
    let replay = this.#replays.get(positionId);
    if (replay === undefined) {
      replay = new PositionReplay(positionId, this.#reference, this.#timelines);
      this.#replays.set(positionId, replay);
    }
    return replay;
  }

  /**
   * Puts a position stream in the audit even if none of its events turns up (all deleted: the
   * `streams` table still knows its version, and the audit says what is missing).
   */
  expectStream(streamId: string): void {
    const positionId = positionIdOfStream(streamId);
    if (positionId !== null) this.#replayOf(positionId);
  }

  /**
   * Folds one stored event; false when it is not of a position stream (ignored). A read in
   * stream order (the audit's cursor) finds the stream of the event before: no lookup then.
   */
  add(row: RecordedEvent): boolean {
    if (row.streamId !== this.#last?.streamId) {
      const positionId = positionIdOfStream(row.streamId);
      if (positionId === null) return false;
      this.#last = { streamId: row.streamId, ...this.#streamOf(positionId) };
    }
    this.#last.replay.add(row);
    this.#last.chain?.add(row);
    this.#events += 1;
    return true;
  }

  /** The replay of a position and its chain walk (null when the chains are walked elsewhere). */
  #streamOf(positionId: string): { replay: PositionReplay; chain: ChainWalk | null } {
    const replay = this.#replayOf(positionId);
    if (!this.#walkChains) return { replay, chain: null };
    let chain = this.#chains.get(positionId);
    if (chain === undefined) this.#chains.set(positionId, (chain = new ChainWalk()));
    return { replay, chain };
  }

  /** The positions in the audit so far. */
  get positionIds(): string[] {
    return [...this.#replays.keys()];
  }

  /** The order ids of every order intent seen so far. */
  get intentOrderIds(): string[] {
    return [...this.#replays.values()].flatMap((r) => r.intents.map((i) => i.request.orderId));
  }

  /** The report: every position's checks, then the checks across positions. */
  finish(inputs: AuditInputs): AuditReport {
    if (!this.#walkChains && inputs.walkedChains === undefined)
      throw new Error(
        'an audit run that walks no chains must be given the chains walked elsewhere',
      );
    const replays = [...this.#replays.values()];
    const positions = replays.map((r) => {
      const streamId = eventStreams.position(r.positionId as PositionId);
      return auditPosition(r, {
        records: inputs.records,
        head: inputs.heads.get(streamId) ?? 0,
        feeRates: this.#feeRates,
        chain: this.#chainVerdict(r.positionId, streamId, inputs),
      });
    });
    const findings = [
      ...tradesAppliedOnce(
        replays.flatMap((r) => r.fills.map((fill) => ({ positionId: r.positionId, fill }))),
      ),
      ...identifiersUnique(
        replays.flatMap((r) => r.intents.map((intent) => ({ positionId: r.positionId, intent }))),
      ),
      ...this.#ordersWithoutPosition(inputs.records),
    ];
    const all = [...positions.flatMap((p) => p.findings), ...findings];
    const discrepancies = all.filter(isDiscrepancy).length;
    const sum = (pick: (p: PositionAudit) => string): string =>
      positions.reduce((s, p) => s.plus(pick(p)), ZERO).toString();
    return {
      scope: this.scope,
      reference: this.#reference,
      verdict: discrepancies === 0 ? 'clean' : 'discrepancies',
      positions,
      findings,
      totals: {
        positions: positions.length,
        events: this.#events,
        discrepancies,
        notes: all.length - discrepancies,
        realizedPnlKrw: sum((p) => p.summary.realizedPnlKrw),
        tradesPnlKrw: sum((p) => p.summary.tradesPnlKrw),
      },
    };
  }

  /** A stream's chain verdict against its head: walked here, or elsewhere (`walkChains`). */
  #chainVerdict(positionId: string, streamId: string, inputs: AuditInputs): ChainVerdict {
    const head = inputs.chainHeads?.get(streamId);
    const walked = this.#walkChains
      ? this.#chains.get(positionId)?.verdict()
      : inputs.walkedChains?.get(streamId);
    return againstHead(walked ?? new ChainWalk().verdict(), head);
  }

  /** In a whole-store audit, orders rows whose position has no events at all. */
  #ordersWithoutPosition(records: ExecutorRecords): Finding[] {
    if (this.scope.kind !== 'all') return [];
    return [...records.ordersByPosition]
      .filter(([positionId]) => !this.#replays.has(positionId))
      .flatMap(([positionId, orders]) =>
        orders.map((o) =>
          discrepancy(
            'one-order-per-intent',
            positionId,
            `order-executor has order ${o.orderId} (${o.state}) of position ${positionId}, which has no stored events`,
            { orderId: o.orderId, identifier: o.identifier, state: o.state },
          ),
        ),
      );
  }
}

/**
 * The report with more findings (the `risk` stream's in `audit all`, the exchange's with
 * `--exchange`): one about an audited position joins that position's findings and counts, the
 * others the store's; the verdict and totals follow them.
 */
export function withStoreFindings(report: AuditReport, more: readonly Finding[]): AuditReport {
  if (more.length === 0) return report;
  const audited = new Set(report.positions.map((p) => p.summary.positionId));
  const ofPosition = (f: Finding): boolean => f.positionId !== null && audited.has(f.positionId);
  const positions = report.positions.map((p) => {
    const mine = more.filter((f) => f.positionId === p.summary.positionId);
    if (mine.length === 0) return p;
    const discrepancies = mine.filter(isDiscrepancy).length;
    return {
      ...p,
      findings: [...p.findings, ...mine],
      summary: {
        ...p.summary,
        discrepancies: p.summary.discrepancies + discrepancies,
        notes: p.summary.notes + mine.length - discrepancies,
      },
    };
  });
  const discrepancies = more.filter(isDiscrepancy).length;
  const total = report.totals.discrepancies + discrepancies;
  return {
    ...report,
    verdict: total === 0 ? 'clean' : 'discrepancies',
    positions,
    findings: [...report.findings, ...more.filter((f) => !ofPosition(f))],
    totals: {
      ...report.totals,
      discrepancies: total,
      notes: report.totals.notes + more.length - discrepancies,
    },
  };
}

/** The exit code of an audit: 0 clean, 1 a discrepancy was found. */
export const auditExitCode = (report: AuditReport): 0 | 1 => (report.verdict === 'clean' ? 0 : 1);
