import { randomUUID } from 'node:crypto';

/** Frame formats: DEFAULT (full names), SIMPLE (short keys), and their list variants. */
export type WsFormat = 'DEFAULT' | 'SIMPLE' | 'JSON_LIST' | 'SIMPLE_LIST';

/** Snapshot/realtime choice of one subscription. */
export interface SubscribeOptions {
  readonly isOnlyRealtime?: boolean;
  readonly isOnlySnapshot?: boolean;
}

interface Entry extends SubscribeOptions {
  readonly codes: Set<string>;
  /** myAsset takes no codes (sending them is `WRONG_FORMAT`). */
  readonly codeless: boolean;
}

/**
 * The full set of subscriptions of one connection. Upbit replaces a connection's subscriptions
 * with each request, so every request carries the whole set (also after a reconnect).
 */
export class Subscriptions {
  private readonly entries = new Map<string, Entry>();

  /** Adds codes to a type (codes upper-cased); `codeless` for types that take none. */
  add(
    type: string,
    codes: readonly string[],
    options: SubscribeOptions = {},
    codeless = false,
  ): void {
    const entry = this.entries.get(type) ?? { codes: new Set<string>(), codeless };
    for (const code of codes) entry.codes.add(code.toUpperCase());
    this.entries.set(type, { ...entry, ...options });
  }

  /** Removes codes of a type, or the whole type when no codes are given. */
  remove(type: string, codes?: readonly string[]): void {
    const entry = this.entries.get(type);
    if (entry === undefined) return;
    if (codes === undefined) return void this.entries.delete(type);
    for (const code of codes) entry.codes.delete(code.toUpperCase());
    if (entry.codes.size === 0 && !entry.codeless) this.entries.delete(type);
  }

  /** True when nothing is subscribed. */
  get empty(): boolean {
    return this.entries.size === 0;
  }

  /** The request text: `[{ticket}, {type, codes, ...}, ..., {format}]` with a fresh ticket. */
  request(format: WsFormat): string {
    const parts: object[] = [{ ticket: randomUUID() }];
    for (const [type, e] of this.entries) {
      const codes = e.codeless || e.codes.size === 0 ? {} : { codes: [...e.codes] };
      parts.push({
        type,
        ...codes,
        ...(e.isOnlyRealtime === undefined ? {} : { is_only_realtime: e.isOnlyRealtime }),
        ...(e.isOnlySnapshot === undefined ? {} : { is_only_snapshot: e.isOnlySnapshot }),
      });
    }
    parts.push({ format });
    return JSON.stringify(parts);
  }
}
