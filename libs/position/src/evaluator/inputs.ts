import type { IssuedBy, OrderEvent } from '@hoga/contracts';
import type { PositionId, Price } from '@hoga/model';
import type { StrategySpec } from '../strategy/index.js';

/**
 * What a position decides on. Every input carries the id of the message it came from: the
 * events it causes name it as their `causationId`.
 */
export type PositionInput =
  StartInput | TickInput | CandleInput | OrderInput | CommandInput | RiskHaltInput;

/** Launch: opens the position and, for `entry: immediate` at market, asks for the entry order. */
export interface StartInput {
  readonly kind: 'start';
  readonly id: string;
  readonly positionId: PositionId;
  readonly spec: StrategySpec;
  readonly openedBy: string;
  /** Last known market price (needed for an immediate limit entry; null waits for a tick). */
  readonly lastPrice: Price | null;
}

/**
 * A trade on the position's market. The condition flags are the strategy's entry and `when`
 * exit conditions, evaluated by the actor's indicators for this tick (absent = false).
 */
export interface TickInput {
  readonly kind: 'tick';
  readonly id: string;
  readonly price: Price;
  /** Exchange trade time, epoch milliseconds (time exits are measured with it). */
  readonly atMs: number;
  readonly entryConditionMet?: boolean;
  readonly exitConditionMet?: boolean;
  /**
   * The caller vouches that the price is confirmed by a source independent of this one tick (the
   * actor's price sanity rule: recent trades, or the trades after an outlier). Only a confirmed
   * price may make the holding dust (absent = unconfirmed: the exit order is sent).
   */
  readonly priceConfirmed?: boolean;
}

/** A closed candle: conditions and time exits are evaluated; price levels are left to ticks. */
export interface CandleInput {
  readonly kind: 'candle';
  readonly id: string;
  readonly close: Price;
  /** When the candle closed, epoch milliseconds. */
  readonly atMs: number;
  readonly entryConditionMet?: boolean;
  readonly exitConditionMet?: boolean;
}

/** What the order executor reports about one of the position's orders. */
export interface OrderInput {
  readonly kind: 'order';
  readonly id: string;
  readonly event: OrderEvent;
}

/** What an operator can ask of a position. */
export type OperatorVerb = 'close' | 'pause' | 'resume' | 'retry-close' | 'dismiss';

/** An operator command; a repeated `commandId` is a no-op. */
export interface CommandInput {
  readonly kind: 'command';
  readonly id: string;
  readonly verb: OperatorVerb;
  readonly issued: IssuedBy;
}

/** Safe mode: holding positions exit at market, pending ones are cancelled. */
export interface RiskHaltInput {
  readonly kind: 'risk-halt';
  readonly id: string;
  readonly detail: string;
}
