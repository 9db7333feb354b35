import type { KV, KvEntry as NatsKvEntry } from '@nats-io/kv';
import type { BusLogger } from '../bus-logger.js';
import { messageOf } from '../bus.errors.js';
import type { RawKv, RawKvEvent, RawSubscription } from '../transport.port.js';

const isValue = (e: NatsKvEntry): boolean => e.operation === 'PUT';

/** A NATS KV bucket as a raw bucket. */
export class NatsKv implements RawKv {
  constructor(
    private readonly bucket: string,
    private readonly kv: KV,
    private readonly logger: BusLogger,
  ) {}

  async put(key: string, data: Uint8Array): Promise<number> {
    return this.kv.put(key, data);
  }

  async get(
    key: string,
  ): Promise<{ readonly data: Uint8Array; readonly revision: number } | undefined> {
    const entry = await this.kv.get(key);
    return entry === null || !isValue(entry)
      ? undefined
      : { data: entry.value, revision: entry.revision };
  }

  async delete(key: string): Promise<void> {
    await this.kv.delete(key);
  }

  async keys(): Promise<string[]> {
    const keys: string[] = [];
    for await (const key of await this.kv.keys()) keys.push(key);
    return keys;
  }

  /** An ordered consumer on the last value per key, then updates; initial delete markers are skipped. */
  async watch(onEvent: (event: RawKvEvent) => void): Promise<RawSubscription> {
    const watcher = await this.kv.watch();
    const loop = (async () => {
      for await (const e of watcher) {
        if (isValue(e))
          onEvent({ key: e.key, revision: e.revision, data: e.value, deleted: false });
        else if (e.isUpdate) onEvent({ key: e.key, revision: e.revision, deleted: true });
      }
    })().catch((error: unknown) =>
      this.logger.warn('bus: bucket watch stopped', {
        bucket: this.bucket,
        error: messageOf(error),
      }),
    );
    return {
      unsubscribe: async () => {
        watcher.stop();
        await loop;
      },
    };
  }
}
