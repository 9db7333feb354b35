/**
 * The ops `status` endpoint of order-executor: whether it takes order commands, its access to
 * the exchange and the settings in force (`HOGA_EXECUTOR__*`, `HOGA_LIMITS__*`,
 * `HOGA_POSITION_ACTOR__PARTITIONS`). No key is ever
 * part of it.
 */
import * as t from 'io-ts';
import { DecimalC, NonNegativeKrwC } from '@hoga/model';
import { NonNegativeIntC, nullable, text } from './codec-helpers.js';
import { envelope } from './envelope.js';
import { ExchangeAccessProblem } from './exchange-access.codec.js';
import { opsReply } from './ops-reply.codec.js';

/** Asks order-executor for its status. */
export const GetExecutorStatus = envelope('GetExecutorStatus', t.strict({}));
export type GetExecutorStatus = t.TypeOf<typeof GetExecutorStatus>;

/** The order-executor settings an operator checks (from its config, defaults included). */
export const ExecutorSettings = t.strict(
  {
    feeRate: DecimalC,
    maxInFlight: NonNegativeIntC,
    maxEntryAgeMs: NonNegativeIntC,
    /** Null: no cap. */
    maxOpenPositions: nullable(NonNegativeIntC),
    /** Null: no cap. */
    maxExposurePerMarketKrw: nullable(NonNegativeKrwC),
    /**
     * position-actor's partition count it publishes order events by (`HOGA_POSITION_ACTOR__PARTITIONS`,
     * ADR 0065): must equal the `partitions` of position-actor's status.
     */
    partitions: NonNegativeIntC,
  },
  'ExecutorSettings',
);
export type ExecutorSettings = t.TypeOf<typeof ExecutorSettings>;

/** order-executor's status. */
export const ExecutorStatusReply = opsReply('ExecutorStatusReply', {
  /** The exchange's REST base URL (Upbit or the emulator). */
  exchange: text(500, 1),
  /** True once the start-up reconciliation is done and order commands are consumed. */
  taking: t.boolean,
  access: t.strict({
    status: t.keyof({ ok: null, lost: null }, 'ExchangeAccessStatus'),
    /** Null while ok. */
    problem: nullable(ExchangeAccessProblem),
  }),
  settings: ExecutorSettings,
});
export type ExecutorStatusReply = t.TypeOf<typeof ExecutorStatusReply>;
