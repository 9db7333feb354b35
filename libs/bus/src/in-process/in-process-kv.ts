import { ownedBytes } from '../bytes.js';
import type { RawKv, RawKvEvent, RawSubscription } from '../transport.port.js';

type Revision =
  | { readonly revision: number; readonly data: Uint8Array; readonly deleted: false }
  | { readonly revision: number; readonly deleted: true };

/**
 * A key-value bucket in memory with NATS KV semantics: one revision counter for the whole bucket,
 * `history` revisions kept per key, deletes as markers, and watchers that get the current values
 * (in revision order) and then every change.
 */
export class InProcessKv implements RawKv {
  readonly #keys = new Map<string, Revision[]>();
  readonly #watchers = new Set<(event: RawKvEvent) => void>();
  #revision = 0;

  constructor(private history: number) {}

  /** Applies a new history limit (as a NATS bucket update does). */
  setHistory(history: number): void {
    this.history = history;
  }

  async put(key: string, data: Uint8Array): Promise<number> {
    return this.#record(key, {
      revision: this.#revision + 1,
      data: ownedBytes(data),
      deleted: false,
    });
  }

  async get(
    key: string,
  ): Promise<{ readonly data: Uint8Array; readonly revision: number } | undefined> {
    const latest = this.#keys.get(key)?.at(-1);
    return latest === undefined || latest.deleted
      ? undefined
      : { data: latest.data, revision: latest.revision };
  }

  async delete(key: string): Promise<void> {
    this.#record(key, { revision: this.#revision + 1, deleted: true });
  }

  async keys(): Promise<string[]> {
    return this.#current().map((e) => e.key);
  }

  async watch(onEvent: (event: RawKvEvent) => void): Promise<RawSubscription> {
    for (const event of this.#current()) onEvent(event);
    this.#watchers.add(onEvent);
    return { unsubscribe: async () => void this.#watchers.delete(onEvent) };
  }

  #record(key: string, revision: Revision): number {
    this.#revision = revision.revision;
    const history = this.#keys.get(key) ?? [];
    history.push(revision);
    this.#keys.set(key, history.slice(-this.history));
    const event: RawKvEvent = revision.deleted
      ? { key, revision: revision.revision, deleted: true }
      : { key, revision: revision.revision, data: revision.data, deleted: false };
    for (const watcher of this.#watchers) watcher(event);
    return revision.revision;
  }

  /** Live values in revision order. */
  #current(): Array<RawKvEvent & { deleted: false }> {
    const live: Array<RawKvEvent & { deleted: false }> = [];
    for (const [key, history] of this.#keys) {
      const latest = history.at(-1);
      if (latest !== undefined && !latest.deleted)
        live.push({ key, revision: latest.revision, data: latest.data, deleted: false });
    }
    return live.sort((a, b) => a.revision - b.revision);
  }
}
