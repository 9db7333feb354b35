/**
 * The last `capacity` keys seen (insertion order; the oldest forgotten first): the `Idempotency-Key`
 * of each payload, so a retry whose first attempt got through is not forwarded twice.
 */
export class SeenKeys {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** True when `key` was seen before; else remembers it. */
  seen(key: string): boolean {
    if (this.keys.has(key)) return true;
    this.keys.add(key);
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.values().next();
      if (oldest.done !== true) this.keys.delete(oldest.value);
    }
    return false;
  }

  /** Forgets `key` (its payload was not taken, so a retry must be). */
  forget(key: string): void {
    this.keys.delete(key);
  }
}
