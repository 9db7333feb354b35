import { randomUUID } from 'node:crypto';
import { channelKind, type ChannelKind } from './live-channels.js';
import type { LivePublisher } from './live-publisher.port.js';

/** One change on a live channel, numbered in the gateway's single sequence. */
export interface LiveDelta {
  readonly seq: number;
  readonly channel: string;
  readonly key: string;
  readonly data: unknown;
  readonly kind: ChannelKind;
  /** The delta's wire frame, serialized once for every client. */
  readonly json: string;
}

/** What a channel holds at one sequence number: a client's starting point. */
export interface ChannelSnapshot {
  readonly channel: string;
  readonly kind: ChannelKind;
  /** Every delta up to this one is reflected; the next one for the channel has a larger seq. */
  readonly seq: number;
  /** Replace: the latest delta of every key; append: the last kept deltas, oldest first. */
  readonly entries: readonly LiveDelta[];
}

/** A connected live client as the hub counts it. */
export interface CountedClient {
  /** Bytes waiting for this client (in the gateway and in its socket buffer). */
  queuedBytes(): number;
}

/** The live clients now, what they have queued, and how many were dropped since the start. */
export interface LiveClientStats {
  readonly clients: number;
  readonly queuedBytes: number;
  readonly droppedClients: number;
}

/** How much the hub keeps besides the resume backlog. */
export interface LiveHubLimits {
  /** Deltas kept for resuming clients. */
  readonly backlog: number;
  /** Values kept per append channel for a new subscriber's snapshot (default 200). */
  readonly appendKept?: number;
  /** Append channels kept (the least recently published is forgotten first; default 2,000). */
  readonly appendChannels?: number;
  /** Bytes of frames kept over all append channels (default 16 MiB; least recent channels go). */
  readonly appendBytes?: number;
}

/** Thrown when something publishes on a name that is not a live channel (a bug in the caller). */
export class UnknownChannelError extends Error {
  constructor(readonly channel: string) {
    super(`not a live channel: ${JSON.stringify(channel.slice(0, 200))}`);
    this.name = 'UnknownChannelError';
  }
}

/** The wire frame of a delta (see the README's "Live channels"). */
const deltaJson = (seq: number, channel: string, kind: ChannelKind, key: string, data: unknown) =>
  JSON.stringify({ type: 'delta', ch: channel, seq, kind, key, data: data ?? null });

/**
 * The gateway's live state as one numbered sequence of deltas: every publish gets the next
 * sequence number and is handed to the listeners (the WebSocket clients) in order. The hub keeps
 * (1) the last `backlog` deltas so a reconnecting client can resume from its last sequence, and
 * (2) each channel's current content — the latest delta per key of a replace channel (data
 * `null` removes the key), the last `appendKept` deltas of an append channel (within a byte
 * budget over all of them, the least recently published channels forgotten first) — so a new
 * subscriber gets a snapshot at the current sequence, followed by the later deltas.
 * Single-threaded: a snapshot and the deltas after it never interleave.
 */
export class LiveHub implements LivePublisher {
  /** This hub's identity: sequences of another gateway run mean nothing here. */
  readonly epoch = randomUUID();
  #seq = 0;
  readonly #backlog: LiveDelta[] = [];
  #backlogStart = 0;
  readonly #replace = new Map<string, Map<string, LiveDelta>>();
  readonly #append = new Map<string, LiveDelta[]>();
  #appendBytes = 0;
  readonly #listeners = new Set<(delta: LiveDelta) => void>();
  readonly #clients = new Set<CountedClient>();
  #dropped = 0;
  readonly #limits: Required<LiveHubLimits>;

  constructor(limits: number | LiveHubLimits) {
    const given = typeof limits === 'number' ? { backlog: limits } : limits;
    this.#limits = { appendKept: 200, appendChannels: 2_000, appendBytes: 16 * 2 ** 20, ...given };
  }

  /** Puts `data` under `key` on `channel`; throws {@link UnknownChannelError} for a bad name. */
  publish(channel: string, key: string, data: unknown): void {
    const kind = channelKind(channel);
    if (kind === undefined) throw new UnknownChannelError(channel);
    const seq = ++this.#seq;
    const delta: LiveDelta = {
      seq,
      channel,
      key,
      data,
      kind,
      json: deltaJson(seq, channel, kind, key, data),
    };
    this.#keep(delta);
    this.#backlog.push(delta);
    // Trimmed in chunks: the array shifts once per `backlog / 4` publishes, not on each one.
    if (this.#backlog.length - this.#backlogStart > this.#limits.backlog) this.#backlogStart += 1;
    if (this.#backlogStart > this.#limits.backlog / 4) {
      this.#backlog.splice(0, this.#backlogStart);
      this.#backlogStart = 0;
    }
    for (const listener of this.#listeners) listener(delta);
  }

  #keep(delta: LiveDelta): void {
    const { channel } = delta;
    if (delta.kind === 'replace') {
      let values = this.#replace.get(channel);
      if (values === undefined) this.#replace.set(channel, (values = new Map<string, LiveDelta>()));
      if (delta.data === null || delta.data === undefined) values.delete(delta.key);
      else values.set(delta.key, delta);
      return;
    }
    let kept = this.#append.get(channel);
    if (kept === undefined) kept = [];
    else this.#append.delete(channel); // re-inserted below: the map stays in publish order
    this.#append.set(channel, kept);
    kept.push(delta);
    this.#appendBytes += delta.json.length;
    if (kept.length > this.#limits.appendKept)
      for (const gone of kept.splice(0, kept.length - this.#limits.appendKept))
        this.#appendBytes -= gone.json.length;
    // The least recently published channels are forgotten first (never the one just published).
    while (
      this.#append.size > 1 &&
      (this.#append.size > this.#limits.appendChannels ||
        this.#appendBytes > this.#limits.appendBytes)
    ) {
      const [oldest, values] = this.#append.entries().next().value!;
      this.#append.delete(oldest);
      for (const gone of values) this.#appendBytes -= gone.json.length;
    }
  }

  /** The last sequence number given. */
  get sequence(): number {
    return this.#seq;
  }

  /** The current content of `channel` at the current sequence (empty for an unknown one). */
  snapshot(channel: string): ChannelSnapshot {
    const kind = channelKind(channel) ?? 'append';
    const entries =
      kind === 'replace'
        ? [...(this.#replace.get(channel)?.values() ?? [])]
        : [...(this.#append.get(channel) ?? [])];
    return { channel, kind, seq: this.#seq, entries };
  }

  /** The latest value of `key` on a replace channel (undefined when absent). */
  valueOf(channel: string, key: string): unknown {
    return this.#replace.get(channel)?.get(key)?.data;
  }

  /** The kept deltas after `seq`, or undefined when some of them are no longer kept. */
  since(seq: number): readonly LiveDelta[] | undefined {
    if (!Number.isSafeInteger(seq) || seq < 0 || seq > this.#seq) return undefined;
    if (seq === this.#seq) return [];
    const first = this.#backlog[this.#backlogStart];
    if (first === undefined || first.seq > seq + 1) return undefined;
    return this.#backlog.slice(this.#backlogStart + seq + 1 - first.seq);
  }

  /** Calls `listener` with every later delta; returns how to stop. */
  listen(listener: (delta: LiveDelta) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Counts a connected client until the returned function is called. */
  count(client: CountedClient): () => void {
    this.#clients.add(client);
    return () => this.#clients.delete(client);
  }

  /** Records that a client was dropped for being too slow. */
  dropped(): void {
    this.#dropped += 1;
  }

  stats(): LiveClientStats {
    let queuedBytes = 0;
    for (const c of this.#clients) queuedBytes += c.queuedBytes();
    return { clients: this.#clients.size, queuedBytes, droppedClients: this.#dropped };
  }
}
