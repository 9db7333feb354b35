/**
 * The ops `status` endpoints of market-feed and position-actor: what their tick gates did since
 * start (ADR 0024). Every tick that did not go on is counted by reason.
 */
import * as t from 'io-ts';
import { feedLivenessProps } from './market-feed-status.codec.js';
import { DecimalC, Market, PriceC } from '@hoga/model';
import { NonNegativeIntC, text } from './codec-helpers.js';
import { envelope } from './envelope.js';
import { opsReply } from './ops-reply.codec.js';

const count = NonNegativeIntC;

/** Asks position-actor for its status (the tick gate of its tick path). */
export const GetPositionActorStatus = envelope('GetPositionActorStatus', t.strict({}));
export type GetPositionActorStatus = t.TypeOf<typeof GetPositionActorStatus>;

/** position-actor's tick gate: structural checks, then the price sanity rule. */
export const ActorTickGate = t.strict(
  {
    /** The price sanity settings in force. */
    settings: t.strict({ bandPct: DecimalC, window: count, confirmTrades: count }),
    received: count,
    /** Handed to the positions (price confirmed). */
    delivered: count,
    /** Refused: the body names another market than its subject; the price is off the tick grid. */
    rejected: t.strict({ 'market-mismatch': count, 'off-tick-grid': count }),
    /** Held by the sanity rule: outside the band of recent trades; no recent trade yet. */
    held: t.strict({ outlier: count, 'no-reference': count }),
    /** Held levels the following trades confirmed. */
    confirmed: count,
    /** Held trades given up unconfirmed. */
    dropped: count,
    /** Markets with trades held now. */
    holding: t.array(t.strict({ market: Market, trades: count, firstPrice: PriceC })),
    /**
     * Closed candles: refused when the body names another market or interval than the subject,
     * a price is off the grid, or the close is outside the band of the recent accepted trades.
     */
    candles: t.strict({
      received: count,
      delivered: count,
      rejected: t.strict({
        'market-mismatch': count,
        'interval-mismatch': count,
        'off-tick-grid': count,
        outlier: count,
      }),
    }),
  },
  'ActorTickGate',
);
export type ActorTickGate = t.TypeOf<typeof ActorTickGate>;

/** The position-actor settings in force (`HOGA_POSITION_ACTOR__*`), shown so an operator can check them. */
export const PositionActorSettings = t.strict(
  { feeRate: DecimalC, partitions: count, snapshotEvery: count, stateThrottleMs: count },
  'PositionActorSettings',
);
export type PositionActorSettings = t.TypeOf<typeof PositionActorSettings>;

/** position-actor's status: this instance, the settings in force and its tick gate. */
export const PositionActorStatusReply = opsReply('PositionActorStatusReply', {
  instanceId: text(256, 1),
  config: PositionActorSettings,
  ticks: ActorTickGate,
});
export type PositionActorStatusReply = t.TypeOf<typeof PositionActorStatusReply>;

/** Asks market-feed for its status (what it did with the frames it received). */
export const GetFeedStatus = envelope('GetFeedStatus', t.strict({}));
export type GetFeedStatus = t.TypeOf<typeof GetFeedStatus>;

/** market-feed's frame counts; `rejected` by reason (a frame that could not make a valid tick). */
export const FeedTickGate = t.strict(
  {
    ticks: count,
    duplicates: count,
    outOfOrder: count,
    ignored: count,
    rejected: t.strict({
      'not-a-krw-market': count,
      'sequence-id-unsafe': count,
      'market-mismatch': count,
      'off-tick-grid': count,
    }),
    candlesClosed: count,
    candlesForming: count,
    issues: count,
  },
  'FeedTickGate',
);
export type FeedTickGate = t.TypeOf<typeof FeedTickGate>;

/**
 * market-feed's status: the markets it streams, its frame counts, each market's last-tick age
 * and its source's connection (`market-feed-status.codec.ts`).
 */
export const FeedStatusReply = opsReply('FeedStatusReply', {
  markets: t.array(Market),
  feed: FeedTickGate,
  ...feedLivenessProps,
});
export type FeedStatusReply = t.TypeOf<typeof FeedStatusReply>;
