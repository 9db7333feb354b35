/** Upbit's order rate limit per account since 2026-08-21 (upbit-api.md); configurable. */
export const DEFAULT_ORDERS_PER_SECOND = 12;

/**
 * The gap between two paced orders, in whole ms: `floor(1000 / rate) + 1`, so `rate` gaps always
 * add up to more than 1000 ms (12/s -> 84 ms; 10/s -> 101 ms; 1/s -> 1001 ms). Throws a
 * RangeError for a rate that is not a positive integer (a configuration bug).
 */
export function orderSpacingMs(ordersPerSecond: number): number {
  if (!Number.isSafeInteger(ordersPerSecond) || ordersPerSecond < 1)
    throw new RangeError(`orders per second must be a positive integer, got ${ordersPerSecond}`);
  return Math.floor(1000 / ordersPerSecond) + 1;
}

/**
 * When the i-th paced order (0-based) may be sent, in ms after the plan starts: evenly spaced,
 * `i x orderSpacingMs(rate)`. Any `rate + 1` consecutive orders then span more than 1000 ms, so no
 * 1-second window — open or closed, however aligned — holds more than `rate` of them.
 */
export const notBeforeMs = (index: number, ordersPerSecond: number): number =>
  index * orderSpacingMs(ordersPerSecond);
