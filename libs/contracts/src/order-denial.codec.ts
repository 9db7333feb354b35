import * as t from 'io-ts';

/**
 * Why a pre-trade check (libs/risk) denied an order before it reached Upbit: the codes of
 * libs/risk `DenialCode`, plus `market-unavailable` and `order-expired` (a stale entry). Exits are never denied for the trading
 * state: REDUCING and HALTED deny entries only.
 */
export const OrderDenialReason = t.keyof(
  {
    /** The order does not have the amounts its kind needs (libs/risk `order-shape`). */
    'invalid-order-shape': null,
    /** Trading is HALTED (safe mode): no entries. */
    'trading-halted': null,
    /** Trading is REDUCING: exits only. */
    'trading-reducing': null,
    /** The order total is below the market minimum (5,000 KRW). */
    'under-min-total': null,
    /** The order total is above the market maximum (1,000,000,000 KRW). */
    'over-max-total': null,
    /** The limit price is not on the market's tick grid. */
    'off-tick-grid': null,
    /** The volume has more than 8 decimals. */
    'too-many-decimals': null,
    /** Not enough available KRW (entries) or coins (exits). */
    'insufficient-balance': null,
    /** The maximum number of open positions is reached. */
    'max-open-positions': null,
    /** The order would take the exposure to one market over its limit. */
    'max-exposure-per-market': null,
    /** The market is not tradable now (suspended, delisting, unknown). */
    'market-unavailable': null,
    /**
     * The entry command was older than the executor's maximum age (`executor.maxEntryAgeMs`,
     * from the position's decision) when it came to be sent: a different trade now. Nothing
     * reached Upbit; the position goes back to waiting for its entry signal (ADR 0030).
     */
    'order-expired': null,
    /** Upbit refuses the API key (expired, revoked, IP not allowed): entries wait for access. */
    'exchange-access-lost': null,
    /** The API key may not place orders (403 `out_of_scope`): entries wait for the permission. */
    'exchange-order-permission-missing': null,
  },
  'OrderDenialReason',
);
export type OrderDenialReason = t.TypeOf<typeof OrderDenialReason>;
/** Every denial reason. */
export const ORDER_DENIAL_REASONS = Object.keys(
  OrderDenialReason.keys,
) as readonly OrderDenialReason[];
