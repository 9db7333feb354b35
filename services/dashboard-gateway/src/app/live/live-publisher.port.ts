/**
 * How the parts of the gateway put something on a live channel (`positions`, `position/<id>`,
 * `logs/<service>`, `risk`, `commands`, …). The channel's kind (`replace`: the latest value per
 * key; `append`: every value, in order) is the channel registry's business, not the caller's.
 */
export interface LivePublisher {
  /** Publishes `data` (plain JSON, already encoded) under `key` on `channel`; never blocks. */
  publish(channel: string, key: string, data: unknown): void;
}
