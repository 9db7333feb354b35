import type { ColumnType, Generated } from 'kysely';

/** A `numeric` column: exact decimal text both ways (pg returns numeric as a string). */
type Numeric = ColumnType<string, string, string>;
/** A `numeric` column with a default (optional on insert). */
type DefaultedNumeric = ColumnType<string, string | undefined, string>;
type DefaultedInt = ColumnType<number, number | undefined, number>;
type NullableNumeric = ColumnType<string | null, string | null, string | null>;
type Timestamp = ColumnType<Date, Date | undefined, Date>;
type NullableTimestamp = ColumnType<Date | null, Date | null | undefined, Date | null>;

/** One order intent (`order_id`) and what is known of it on Upbit. */
export interface OrdersTable {
  readonly order_id: string;
  readonly identifier: string;
  readonly position_id: string;
  readonly leg: string;
  readonly attempt: number;
  readonly market: string;
  readonly side: string;
  readonly kind: string;
  readonly price: NullableNumeric;
  readonly volume: NullableNumeric;
  readonly total_krw: NullableNumeric;
  readonly state: string;
  readonly exchange_uuid: string | null;
  /** Upbit's figures from its latest order snapshot (REST, exact decimals). */
  readonly executed_volume: DefaultedNumeric;
  readonly executed_funds: DefaultedNumeric;
  readonly paid_fee: DefaultedNumeric;
  readonly exchange_trades_count: DefaultedInt;
  /** The envelope of the PlaceOrder: causation and correlation of every event. */
  readonly command_id: string;
  readonly correlation_id: string;
  /** Why it was denied or rejected, or why it is unknown. */
  readonly detail: string | null;
  /** When the last POST of it started (the clock of the absence rule). */
  readonly last_sent_at: NullableTimestamp;
  readonly unknown_since: NullableTimestamp;
  /** `order_not_found` answers counted by the absence rule. */
  readonly not_found_lookups: DefaultedInt;
  readonly next_lookup_at: NullableTimestamp;
  readonly lookups: DefaultedInt;
  readonly alerted_at: NullableTimestamp;
  readonly cancel_requested_at: NullableTimestamp;
  readonly cancel_sent_at: NullableTimestamp;
  /** The PlaceOrder's `occurredAt`: when the position decided (the age of an entry, ADR 0030). */
  readonly decided_at: NullableTimestamp;
  /** Sends Upbit refused before acting (429/418): the row went back to `new` this often. */
  readonly send_refusals: DefaultedInt;
  /** When the alert for an order that could not be sent for too long was raised. */
  readonly send_alerted_at: NullableTimestamp;
  /** The trace of the placing command (ADR 0057), `{}` when untraced. */
  readonly trace_headers: ColumnType<unknown, string | undefined, never>;
  readonly created_at: Timestamp;
  readonly updated_at: Timestamp;
}

/** One Upbit trade (fill), recorded once per trade uuid. */
export interface TradesTable {
  readonly trade_uuid: string;
  readonly order_id: string;
  readonly market: string;
  readonly side: string;
  readonly price: Numeric;
  readonly volume: Numeric;
  readonly funds: Numeric;
  readonly fee: Numeric;
  readonly traded_at: Date;
  /** `ws` (myOrder) or `rest` (order snapshot). */
  readonly source: string;
  readonly recorded_at: Timestamp;
}

/** The order events: the log of every order and its outbox (published once `sent_at` is set). */
export interface OrderEventsTable {
  readonly id: string;
  readonly seq: Generated<string>;
  readonly order_id: string;
  readonly type: string;
  readonly subject: string;
  readonly payload: ColumnType<unknown, string, never>;
  readonly headers: ColumnType<unknown, string | undefined, never>;
  readonly created_at: Timestamp;
  readonly sent_at: NullableTimestamp;
  readonly attempts: DefaultedInt;
  readonly last_error: ColumnType<string | null, string | null | undefined, string>;
}

/** The order-executor's tables (its own migrations, `order_executor_migration`). */
export interface ExecutorTables {
  readonly orders: OrdersTable;
  readonly trades: TradesTable;
  readonly order_events: OrderEventsTable;
}
