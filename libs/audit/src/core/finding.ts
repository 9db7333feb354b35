/**
 * The checks of an audit, by name. Each finding names the check it failed (or, for a `note`,
 * the check that has something to say) so a reader can look the rule up in the README.
 */
export type CheckName =
  /** Every stored event decodes with its codec. */
  | 'event-decodes'
  /** Stream versions run 1..n without a gap, and n is the stream's recorded version. */
  | 'stream-gapless'
  /** Each event's hash links its content to the previous hash; the stream's head ends there (ADR 0051). */
  | 'hash-chain-broken'
  /** The position machine (compiled table) accepts every event in order. */
  | 'transition-legal'
  /** `--reference`: xstate's own `transition` gives the same state after every event. */
  | 'reference-agrees'
  /** Each fill event equals order-executor's `trades` row of its trade uuid. */
  | 'fill-matches-trade'
  /** Each `trades` row of a position's orders was applied to the position. */
  | 'trade-applied'
  /** No Upbit trade is applied twice (in one position or across positions). */
  | 'trade-applied-once'
  /** Realized PnL from the events equals the one from the `trades` rows, exactly. */
  | 'realized-pnl'
  /** I1: one order row per intent, with its identifier; no order without an intent. */
  | 'one-order-per-intent'
  /** Upbit's rules for a trade: funds = price x volume, fee = funds x the fee rate. */
  | 'fee-rule'
  /** A closed position declares what it still holds as dust, worth less than the minimum. */
  | 'dust'
  /** The position is not closed yet: its audit covers what happened so far. */
  | 'open-position'
  /** Each trading-state change starts where the last one ended; HALTED is left by an operator. */
  | 'risk-transition'
  /** A recorded breach's figures are the loss limit's own evaluation of them, and a breach. */
  | 'breach-figures'
  /** `--exchange`: the exchange knows every order hoga placed (Upbit `GET /v1/order`). */
  | 'exchange-order-missing'
  /** `--exchange`: state, side, market, size, executed volume and paid fee equal hoga's records. */
  | 'exchange-order-differs'
  /** `--exchange`: every trades row of an order is one of the exchange order's trades. */
  | 'exchange-trade-unknown'
  /** `--exchange`: every trade of the exchange's order has its trades row. */
  | 'exchange-trade-unrecorded'
  /** `--exchange`, I1 on the exchange: no second exchange order for one order intent. */
  | 'exchange-order-duplicate';

/**
 * `discrepancy`: the ledger does not prove out (exit 1). `note`: worth telling (dust left,
 * a position still open, a trade not applied yet on an open position), not a discrepancy.
 */
export type Severity = 'discrepancy' | 'note';

/** A plain value of a finding's evidence (decimals as exact strings). */
export type EvidenceValue = string | number | boolean | null;

/** One result of a check, with the evidence a reader needs to verify it by hand. */
export interface Finding {
  readonly check: CheckName;
  readonly severity: Severity;
  /** The position it is about; null for a finding about the store as a whole. */
  readonly positionId: string | null;
  /** The stream version of the event it is about, when one event is. */
  readonly version: number | null;
  /** One readable sentence. */
  readonly message: string;
  readonly evidence: Readonly<Record<string, EvidenceValue>>;
}

/** A discrepancy about a position (or the store, when `positionId` is null). */
export const discrepancy = (
  check: CheckName,
  positionId: string | null,
  message: string,
  evidence: Record<string, EvidenceValue> = {},
  version: number | null = null,
): Finding => ({ check, severity: 'discrepancy', positionId, version, message, evidence });

/** A note (not a discrepancy). */
export const note = (
  check: CheckName,
  positionId: string | null,
  message: string,
  evidence: Record<string, EvidenceValue> = {},
  version: number | null = null,
): Finding => ({ check, severity: 'note', positionId, version, message, evidence });

/** True when the finding is a discrepancy. */
export const isDiscrepancy = (f: Finding): boolean => f.severity === 'discrepancy';
