/**
 * What order-executor finds on the account that hoga did not do (issue 15 item 2, ADR 0026):
 * orders placed by someone else and coin balances short of what hoga's orders hold. Findings are
 * events of the `account-findings` stream; operators see them through
 * `hoga.ops.order-executor.account` and acknowledge them through `hoga.ops.order-executor.ack`.
 */
import * as t from 'io-ts';
import { DecimalC, NonNegativeKrwC, VolumeC } from '@hoga/model';
import { envelope, IsoDateTime } from './envelope.js';
import { messageUnion, NonNegativeIntC, nullable, refine, text } from './codec-helpers.js';
import { operatorCommandProps } from './operator.codec.js';
import { opsReply } from './ops-reply.codec.js';

/** `foreign-order`: an order hoga did not place; `balance-drift`: fewer coins than hoga holds. */
export const FindingKind = t.keyof({ 'foreign-order': null, 'balance-drift': null }, 'FindingKind');
export type FindingKind = t.TypeOf<typeof FindingKind>;

/** What a finding sets off besides its alert: nothing, REDUCING or HALTED (default `alert`). */
export const FindingPolicy = t.keyof({ alert: null, reduce: null, halt: null }, 'FindingPolicy');
export type FindingPolicy = t.TypeOf<typeof FindingPolicy>;

/** Where the finding was seen first. */
export const FindingSource = t.keyof(
  { 'my-order': null, 'open-orders': null, 'closed-orders': null, balances: null },
  'FindingSource',
);
export type FindingSource = t.TypeOf<typeof FindingSource>;

/** A finding's id: `foreign-order:<uuid>` or `balance-drift:<market>:<figures digest>`. */
export const FindingIdC = refine(text(200, 1), (s) => /^[\x21-\x7e]+$/.test(s), 'FindingId');

/** A coin balance short of what hoga's orders hold (balance + locked vs entries − exits). */
export const BalanceDrift = t.strict(
  {
    currency: text(16, 1),
    /** balance + locked on the exchange. */
    exchangeVolume: VolumeC,
    /** Σ executed entry volume − Σ executed exit volume of hoga's orders on the market. */
    hogaVolume: VolumeC,
    /** hogaVolume − exchangeVolume (> 0: coins missing). */
    missingVolume: VolumeC,
    /** missingVolume × the reference price (hoga's average entry price). */
    missingKrw: NonNegativeKrwC,
  },
  'BalanceDrift',
);
export type BalanceDrift = t.TypeOf<typeof BalanceDrift>;

/** One finding, with the figures seen when it was recorded (or last updated). */
export const AccountFinding = t.strict(
  {
    findingId: FindingIdC,
    kind: FindingKind,
    /** The market code as Upbit names it (`KRW-BTC`; other quote currencies are kept as is). */
    market: text(32, 1),
    side: nullable(t.keyof({ bid: null, ask: null })),
    ordType: nullable(text(16, 1)),
    /** Limit price, or the KRW total of a market buy; null for market sells and drifts. */
    price: nullable(DecimalC),
    volume: nullable(VolumeC),
    executedVolume: nullable(VolumeC),
    executedFunds: nullable(NonNegativeKrwC),
    /** Upbit's order state (`wait`, `watch`, `done`, `cancel`), or `shortfall` for a drift. */
    state: text(16, 1),
    exchangeOrderId: nullable(text(64, 1)),
    identifier: nullable(text(64, 1)),
    /** When Upbit created the order (its `created_at`); null for a drift. */
    placedAt: nullable(IsoDateTime),
    detectedAt: IsoDateTime,
    source: FindingSource,
    drift: nullable(BalanceDrift),
    /** The policy in force when it was recorded. */
    policy: FindingPolicy,
  },
  'AccountFinding',
);
export type AccountFinding = t.TypeOf<typeof AccountFinding>;

/** A new finding (its warning alert follows). */
export const AccountFindingRecorded = envelope(
  'AccountFindingRecorded',
  t.strict({ finding: AccountFinding }),
);
/** A foreign order seen again with another state or executed volume (no new alert). */
export const AccountFindingUpdated = envelope(
  'AccountFindingUpdated',
  t.strict({
    findingId: FindingIdC,
    state: text(16, 1),
    executedVolume: nullable(VolumeC),
    executedFunds: nullable(NonNegativeKrwC),
    seenAt: IsoDateTime,
  }),
);
/** The finding's policy was carried out: risk-guard answered with this trading state. */
export const AccountFindingActed = envelope(
  'AccountFindingActed',
  t.strict({
    findingId: FindingIdC,
    action: t.keyof({ reduce: null, halt: null }),
    tradingState: text(16, 1),
    at: IsoDateTime,
  }),
);
/** An operator acknowledged the finding: who, why, when (it leaves the open findings). */
export const AccountFindingAcknowledged = envelope(
  'AccountFindingAcknowledged',
  t.strict({
    findingId: FindingIdC,
    ...operatorCommandProps,
    reason: text(500, 1),
    at: IsoDateTime,
  }),
);

/** The events of the `account-findings` stream. */
export const AccountFindingEvent = messageUnion('AccountFindingEvent', [
  AccountFindingRecorded,
  AccountFindingUpdated,
  AccountFindingActed,
  AccountFindingAcknowledged,
]);
export type AccountFindingEvent = t.TypeOf<typeof AccountFindingEvent>;

/** A finding as operators see it: the figures, the policy action taken, the acknowledgement. */
export const FindingView = t.strict(
  {
    finding: AccountFinding,
    action: nullable(t.strict({ action: text(16, 1), tradingState: text(16, 1), at: IsoDateTime })),
    acknowledged: nullable(
      t.strict({ issuedBy: text(128, 1), reason: text(500, 1), at: IsoDateTime }),
    ),
  },
  'FindingView',
);
export type FindingView = t.TypeOf<typeof FindingView>;

/** Foreign trades of one market, kept apart from hoga's PnL (ADR 0027). */
export const ForeignTrades = t.strict(
  {
    market: text(32, 1),
    boughtVolume: VolumeC,
    boughtKrw: NonNegativeKrwC,
    soldVolume: VolumeC,
    soldKrw: NonNegativeKrwC,
  },
  'ForeignTrades',
);
export type ForeignTrades = t.TypeOf<typeof ForeignTrades>;

/** One coin as the exchange holds it and as hoga's orders account for it (last check). */
export const HoldingCheck = t.strict(
  {
    market: text(32, 1),
    exchangeVolume: VolumeC,
    hogaVolume: VolumeC,
    /** exchangeVolume − hogaVolume: coins hoga does not manage (negative: missing). */
    unmanagedVolume: DecimalC,
  },
  'HoldingCheck',
);
export type HoldingCheck = t.TypeOf<typeof HoldingCheck>;

/** Asks order-executor for the account's findings (acknowledged ones too when asked). */
export const GetAccountStatus = envelope(
  'GetAccountStatus',
  t.strict({ includeAcknowledged: t.boolean }),
);
/**
 * The findings (open ones, or all), how many are open, the foreign trades per market, the last
 * holdings check and when the account was last reconciled (null before the first pass).
 */
export const AccountStatusReply = opsReply('AccountStatusReply', {
  findings: t.array(FindingView),
  openFindings: NonNegativeIntC,
  foreignTrades: t.array(ForeignTrades),
  holdings: t.array(HoldingCheck),
  checkedAt: nullable(IsoDateTime),
  policy: t.strict({ foreignOrder: FindingPolicy, balanceDrift: FindingPolicy }),
});
export type AccountStatusReply = t.TypeOf<typeof AccountStatusReply>;

/** Acknowledges one finding; the reason is required. A repeated commandId is a no-op. */
export const AcknowledgeFinding = envelope(
  'AcknowledgeFinding',
  t.strict({ findingId: FindingIdC, ...operatorCommandProps }),
);
export type AcknowledgeFinding = t.TypeOf<typeof AcknowledgeFinding>;
/** The finding after the acknowledgement. */
export const AcknowledgeFindingReply = opsReply('AcknowledgeFindingReply', {
  finding: FindingView,
});
export type AcknowledgeFindingReply = t.TypeOf<typeof AcknowledgeFindingReply>;
