/** When a lookup's `order_not_found` proves that an order never reached Upbit. */
export interface AbsenceRule {
  /** Only answers to lookups sent this long after the last send attempt count. */
  readonly afterMs: number;
  /** How many such answers are needed. */
  readonly lookups: number;
  /** The account's order lists are read from this long before the order was stored to this long after now. */
  readonly windowMarginMs: number;
}

/** The verdict on one `order_not_found` answer. */
export interface AbsenceVerdict {
  /** Not-found answers that count, this one included. */
  readonly notFoundLookups: number;
  /** True once the lookups by identifier are conclusive (the account's lists are asked next). */
  readonly certain: boolean;
}

/**
 * Judges an `order_not_found` answer to a lookup sent at `lookupSentAt` for an order last sent
 * at `lastSentAt`. A request Upbit has not processed yet may still be in flight right after the
 * send (it may even outlive our client's timeout), so an answer counts only when the lookup left
 * at least `afterMs` after the last send attempt; `lookups` counting answers make this view
 * conclusive. It is one view only: {@link decideAbsence} also needs the account's order lists.
 */
export function judgeNotFound(
  lastSentAt: Date,
  counted: number,
  lookupSentAt: Date,
  rule: Pick<AbsenceRule, 'afterMs' | 'lookups'>,
): AbsenceVerdict {
  const counts = lookupSentAt.getTime() - lastSentAt.getTime() >= rule.afterMs;
  const notFoundLookups = counts ? counted + 1 : counted;
  return { notFoundLookups, certain: notFoundLookups >= rule.lookups };
}

/** What one of the account's order lists says about an identifier. */
export type ListView =
  /** An order with the identifier is on the list. */
  | { readonly kind: 'found'; readonly uuid: string }
  /** The list was read completely over the window: no order has the identifier. */
  | { readonly kind: 'absent' }
  /** The list could not be read completely (an error, too many pages, a window Upbit refuses). */
  | { readonly kind: 'unreadable'; readonly why: string };

/** The account's two order lists: `GET /v1/orders/open` and `GET /v1/orders/closed` over the send window. */
export interface ListViews {
  readonly open: ListView;
  readonly closed: ListView;
}

/** What the views together prove about an `unknown` order. */
export type AbsenceDecision =
  /** A list has it: adopt it by its uuid. */
  | { readonly kind: 'found'; readonly uuid: string; readonly view: 'open' | 'closed' }
  /** Every view agrees that no order has the identifier: `not_placed`. */
  | { readonly kind: 'absent'; readonly detail: string }
  /** Not proven either way: stay `unknown` and look again. */
  | { readonly kind: 'undecided'; readonly why: string };

/**
 * The absence rule (ADR 0031): an order is absent only when every view of the account agrees —
 * the lookups by identifier are conclusive ({@link judgeNotFound}) AND the open-order list AND
 * the closed-order list over the send window were read completely without the identifier. An
 * order found on any list is adopted; any view that is not conclusive leaves it `unknown`. So a
 * slow exchange (an order Upbit has but its lookup by identifier does not answer yet) can never
 * make hoga send a second order for one intent.
 */
export function decideAbsence(lookups: AbsenceVerdict, views: ListViews | null): AbsenceDecision {
  if (views?.open.kind === 'found') return { ...views.open, view: 'open' };
  if (views?.closed.kind === 'found') return { ...views.closed, view: 'closed' };
  if (!lookups.certain)
    return {
      kind: 'undecided',
      why: `${lookups.notFoundLookups} counting order_not_found lookup(s) so far`,
    };
  if (views === null) return { kind: 'undecided', why: 'the order lists were not read' };
  const unread = (['open', 'closed'] as const).filter((v) => views[v].kind === 'unreadable');
  if (unread.length > 0)
    return {
      kind: 'undecided',
      why: unread
        .map((v) => {
          const view = views[v];
          return `${v} list unreadable: ${view.kind === 'unreadable' ? view.why : ''}`;
        })
        .join('; '),
    };
  return {
    kind: 'absent',
    detail: `order_not_found on ${lookups.notFoundLookups} lookups by identifier, and on neither the open nor the closed order list over the send window`,
  };
}

/** Upbit's longest `GET /v1/orders/closed` window. */
export const CLOSED_LIST_MAX_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** The time window the closed-order list is read over. */
export interface SendWindow {
  readonly start: Date;
  readonly end: Date;
}

/**
 * The window an order sent by this row can have been created in on Upbit: from `margin` before
 * the row was stored (nothing was sent before that; the margin covers clock skew with Upbit) to
 * `margin` after now. Null when it is longer than Upbit lists in one window (7 days): the
 * closed list cannot be read over it, so that view stays unreadable.
 */
export function sendWindow(storedAt: Date, now: Date, marginMs: number): SendWindow | null {
  const start = new Date(storedAt.getTime() - marginMs);
  const end = new Date(now.getTime() + marginMs);
  return end.getTime() - start.getTime() > CLOSED_LIST_MAX_WINDOW_MS ? null : { start, end };
}
