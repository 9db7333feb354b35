/**
 * A first-in first-out queue bounded by a count and by bytes (as the caller measures them): a
 * push beyond either bound is refused, so what is queued never grows past them.
 */
export class BoundedQueue<T> {
  #items: { readonly item: T; readonly bytes: number }[] = [];
  #head = 0;
  #bytes = 0;

  constructor(
    readonly maxItems: number,
    readonly maxBytes: number,
  ) {}

  get length(): number {
    return this.#items.length - this.#head;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Queues `item`, or refuses it (false) when it would pass a bound. */
  push(item: T, bytes: number): boolean {
    if (this.length >= this.maxItems || this.#bytes + bytes > this.maxBytes) return false;
    this.#items.push({ item, bytes });
    this.#bytes += bytes;
    return true;
  }

  /** Takes up to `n` items from the front. */
  take(n: number): T[] {
    const end = Math.min(this.#head + n, this.#items.length);
    const taken = this.#items.slice(this.#head, end);
    this.#head = end;
    for (const t of taken) this.#bytes -= t.bytes;
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return taken.map((t) => t.item);
  }

  /** Empties the queue; returns how many items it held. */
  clear(): number {
    const n = this.length;
    this.#items = [];
    this.#head = 0;
    this.#bytes = 0;
    return n;
  }
}
