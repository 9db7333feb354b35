/** When a lookup's `order_not_found` proves that an order never reached Upbit. */
export interface AbsenceRule {
  /** Only answers to lookups sent this long after the last send attempt count. */
  readonly afterMs: number;
  /** How many such answers are needed. */
  readonly lookups: number;
}

/** The verdict on one `order_not_found` answer. */
export interface AbsenceVerdict {
  /** Not-found answers that count, this one included. */
  readonly notFoundLookups: number;
  /** True once the absence is certain: the order is `not_placed`. */
  readonly certain: boolean;
}

/**
 * Judges an `order_not_found` answer to a lookup sent at `lookupSentAt` for an order last sent
 * at `lastSentAt`. A request Upbit has not processed yet may still be in flight right after the
 * send (it may even outlive our client's timeout), so an answer counts only when the lookup left
 * at least `afterMs` after the last send attempt; `lookups` counting answers make it certain.
 */
export function judgeNotFound(
  lastSentAt: Date,
  counted: number,
  lookupSentAt: Date,
  rule: AbsenceRule,
): AbsenceVerdict {
  const counts = lookupSentAt.getTime() - lastSentAt.getTime() >= rule.afterMs;
  const notFoundLookups = counts ? counted + 1 : counted;
  return { notFoundLookups, certain: notFoundLookups >= rule.lookups };
}
