import type { RawData, WebSocket } from 'ws';
import * as E from 'fp-ts/lib/Either.js';
import { channelKind, type ChannelKind } from './live-channels.js';
import type { ChannelSnapshot, CountedClient, LiveDelta, LiveHub } from './live-hub.js';
import {
  decodeClientMessage,
  SESSION_ENDED,
  TOO_SLOW,
  type LiveErrorCode,
  type ResyncReason,
  type ServerFrame,
} from './live-protocol.js';

/** How one client's flow is bounded. */
export interface LiveClientLimits {
  /** Above this many bytes queued (gateway queue + socket buffer) the client is too slow... */
  readonly maxQueuedBytes: number;
  /** ...and it is closed when it stays so this long. */
  readonly slowClientMs: number;
  /** Frames go to the socket while its buffer holds less than this. */
  readonly highWaterBytes: number;
  /** Queued deltas per append channel before the channel is resynced (a fresh snapshot). */
  readonly appendQueue: number;
  /** Channels one client may subscribe to. */
  readonly maxSubscriptions: number;
  readonly heartbeatMs: number;
}

interface Outgoing {
  readonly json: string;
  /** The channel it belongs to, for unsub and overflow (undefined: not a channel's frame). */
  readonly channel: string | undefined;
  readonly append: boolean;
}

const clientError = (code: LiveErrorCode, message: string, ch?: string): ServerFrame =>
  ch === undefined ? { type: 'error', code, message } : { type: 'error', code, message, ch };

/**
 * One live WebSocket: its subscriptions and its outgoing queue. The queue is ordered by sequence
 * (a re-queued key moves to the end, with its newer seq): a replace channel's delta replaces the
 * queued one of the same key (latest wins while the socket is backed up); an append channel's
 * deltas queue up to `appendQueue`, beyond which the channel is resynced with a fresh snapshot.
 * Frames go to the socket only while its buffer is under `highWaterBytes`, so a stalled client
 * costs the gateway at most one coalesced copy of its channels plus the bounded queues; one
 * over `maxQueuedBytes` for `slowClientMs` is closed (4008 "too slow") and counted.
 */
export class LiveClient implements CountedClient {
  readonly #queue = new Map<string, Outgoing>();
  readonly #subs = new Map<string, ChannelKind>();
  readonly #appendQueued = new Map<string, number>();
  #queuedBytes = 0;
  #control = 0;
  #pumpScheduled = false;
  #waitingForDrain = false;
  #overSince: number | undefined;
  #closed = false;
  #awaitingPong = false;
  readonly #stopListening: () => void;
  readonly #uncount: () => void;

  constructor(
    private readonly socket: WebSocket,
    private readonly hub: LiveHub,
    private readonly limits: LiveClientLimits,
    private readonly onDropped: (client: LiveClient, queuedBytes: number) => void,
    /** False once the client's session ended: the socket is then closed (4001). */
    private readonly sessionOpen: () => boolean = () => true,
    /**
     * `GET /api/live?pack=1`: the frames of one pump round go out as one text message, a JSON
     * array of them (up to `highWaterBytes`), not one message each: a browser parses and wakes
     * once per round instead of once per state (bench README "dashboard").
     */
    private readonly pack = false,
  ) {
    this.#uncount = hub.count(this);
    this.#stopListening = hub.listen((delta) => this.#onDelta(delta));
    socket.on('message', (data, isBinary) => this.#onMessage(data, isBinary));
    socket.on('pong', () => (this.#awaitingPong = false));
    socket.on('close', () => this.#dispose());
    socket.on('error', () => this.#dispose());
    this.#send({
      type: 'hello',
      epoch: hub.epoch,
      seq: hub.sequence,
      heartbeatMs: limits.heartbeatMs,
    });
  }

  /** Bytes waiting: in the gateway's queue and in the socket's buffer. */
  queuedBytes(): number {
    return this.#queuedBytes + this.socket.bufferedAmount;
  }

  /** The channels subscribed to. */
  get subscriptions(): readonly string[] {
    return [...this.#subs.keys()];
  }

  /**
   * Called periodically: closes the client when its session ended or it was too slow for too
   * long, and resumes a pump whose socket drained.
   */
  check(now: number): void {
    if (this.#closed) return;
    if (!this.sessionOpen()) {
      this.close(SESSION_ENDED.code, SESSION_ENDED.reason);
      return;
    }
    if (this.#waitingForDrain && this.socket.bufferedAmount < this.limits.highWaterBytes) {
      this.#waitingForDrain = false;
      this.#schedulePump();
    }
    const queued = this.queuedBytes();
    if (queued <= this.limits.maxQueuedBytes) {
      this.#overSince = undefined;
      return;
    }
    this.#overSince ??= now;
    if (now - this.#overSince < this.limits.slowClientMs) return;
    this.hub.dropped();
    this.onDropped(this, queued);
    this.close(TOO_SLOW.code, TOO_SLOW.reason);
    // The close frame waits behind what the socket holds; a client that still does not read
    // within the grace loses the connection (and the gateway the buffer) without it.
    setTimeout(
      () => this.socket.terminate(),
      Math.max(5_000, 2 * this.limits.slowClientMs),
    ).unref();
  }

  /** A heartbeat: a ws ping (a client that did not answer the last one is terminated) and a frame. */
  heartbeat(now: Date): void {
    if (this.#closed) return;
    if (this.#awaitingPong) {
      this.socket.terminate();
      this.#dispose();
      return;
    }
    this.#awaitingPong = true;
    this.socket.ping();
    this.#send({ type: 'heartbeat', seq: this.hub.sequence, at: now.toISOString() });
  }

  /** Closes with a code and reason; the queue is released at once. */
  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#dispose();
    this.socket.close(code, reason);
  }

  #dispose(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopListening();
    this.#uncount();
    this.#queue.clear();
    this.#queuedBytes = 0;
  }

  #onMessage(raw: RawData, isBinary: boolean): void {
    if (this.#closed) return;
    let json: unknown;
    try {
      json = isBinary ? undefined : JSON.parse(rawText(raw));
    } catch {
      json = undefined;
    }
    const decoded = decodeClientMessage(json);
    if (E.isLeft(decoded)) {
      this.#send(
        clientError('bad-frame', json === undefined ? 'not a JSON text message' : decoded.left),
      );
      return;
    }
    const message = decoded.right;
    switch (message.op) {
      case 'ping':
        this.#send({ type: 'pong', seq: this.hub.sequence });
        return;
      case 'unsub':
        this.#unsubscribe(message.ch);
        return;
      case 'sub':
        this.#subscribe(message.ch, message.fromSeq, message.epoch);
        return;
    }
  }

  #subscribe(channel: string, fromSeq: number | undefined, epoch: string | undefined): void {
    const kind = channelKind(channel);
    if (kind === undefined) {
      this.#send(clientError('unknown-channel', 'no such live channel', channel));
      return;
    }
    if (!this.#subs.has(channel) && this.#subs.size >= this.limits.maxSubscriptions) {
      this.#send(
        clientError(
          'too-many-subscriptions',
          `at most ${String(this.limits.maxSubscriptions)} channels`,
          channel,
        ),
      );
      return;
    }
    // A repeated sub starts the channel over: whatever was queued for it is replaced.
    this.#drop(channel);
    this.#subs.set(channel, kind);
    if (fromSeq !== undefined) {
      const reason: ResyncReason | undefined =
        epoch !== this.hub.epoch
          ? 'epoch'
          : this.hub.since(fromSeq) === undefined
            ? 'too-old'
            : undefined;
      if (reason === undefined) {
        this.#send({ type: 'resumed', ch: channel, fromSeq, seq: this.hub.sequence }, channel);
        for (const delta of this.hub.since(fromSeq) ?? [])
          if (delta.channel === channel) this.#enqueue(delta);
        return;
      }
      this.#send({ type: 'resync', ch: channel, reason }, channel);
    }
    this.#sendSnapshot(this.hub.snapshot(channel));
  }

  #unsubscribe(channel: string): void {
    if (!this.#subs.has(channel)) {
      this.#send(clientError('not-subscribed', 'not subscribed to this channel', channel));
      return;
    }
    this.#subs.delete(channel);
    this.#drop(channel);
    this.#send({ type: 'unsubscribed', ch: channel });
  }

  #sendSnapshot(snapshot: ChannelSnapshot): void {
    this.#send(
      {
        type: 'snapshot',
        ch: snapshot.channel,
        kind: snapshot.kind,
        seq: snapshot.seq,
        entries: snapshot.entries.map((d) => ({ key: d.key, seq: d.seq, data: d.data })),
      },
      snapshot.channel,
    );
  }

  #onDelta(delta: LiveDelta): void {
    if (this.#subs.has(delta.channel)) this.#enqueue(delta);
  }

  #enqueue(delta: LiveDelta): void {
    const append = delta.kind === 'append';
    const id = append ? `a:${String(delta.seq)}` : `r:${delta.channel}\u0000${delta.key}`;
    this.#put(id, { json: delta.json, channel: delta.channel, append });
    if (!append) return;
    const queued = (this.#appendQueued.get(delta.channel) ?? 0) + 1;
    this.#appendQueued.set(delta.channel, queued);
    if (queued > this.limits.appendQueue) {
      // Too far behind on an append channel: what it missed is replaced by a fresh snapshot.
      this.#drop(delta.channel);
      this.#send({ type: 'resync', ch: delta.channel, reason: 'overflow' }, delta.channel);
      this.#sendSnapshot(this.hub.snapshot(delta.channel));
    }
  }

  #send(frame: ServerFrame, channel?: string): void {
    this.#put(`c:${String(++this.#control)}`, {
      json: JSON.stringify(frame),
      channel,
      append: false,
    });
  }

  #put(id: string, out: Outgoing): void {
    if (this.#closed) return;
    const previous = this.#queue.get(id);
    if (previous !== undefined) {
      this.#queuedBytes -= previous.json.length;
      this.#queue.delete(id);
    }
    this.#queue.set(id, out);
    this.#queuedBytes += out.json.length;
    this.#schedulePump();
  }

  /** Forgets every queued frame of `channel`. */
  #drop(channel: string): void {
    for (const [id, out] of this.#queue)
      if (out.channel === channel) {
        this.#queue.delete(id);
        this.#queuedBytes -= out.json.length;
      }
    this.#appendQueued.delete(channel);
  }

  #schedulePump(): void {
    if (this.#pumpScheduled || this.#waitingForDrain) return;
    this.#pumpScheduled = true;
    setImmediate(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    if (this.#closed) return;
    // Every frame of this round in one write (writev) instead of one per frame: ws's own
    // per-frame cork nests inside this one. `_socket` is ws's net.Socket (not in its types).
    const tcp = (this.socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    tcp?.cork();
    try {
      this.#sendQueued();
    } finally {
      tcp?.uncork();
    }
  }

  #sendQueued(): void {
    let packed: string[] = [];
    let packedBytes = 0;
    const flushPacked = () => {
      if (packed.length === 0) return;
      this.socket.send(packed.length === 1 ? packed[0]! : `[${packed.join(',')}]`, this.#sent);
      packed = [];
      packedBytes = 0;
    };
    for (const [id, out] of this.#queue) {
      if (packedBytes >= this.limits.highWaterBytes) flushPacked();
      if (this.socket.bufferedAmount >= this.limits.highWaterBytes) {
        this.#waitingForDrain = true;
        break;
      }
      this.#queue.delete(id);
      this.#queuedBytes -= out.json.length;
      if (out.append && out.channel !== undefined) {
        const left = (this.#appendQueued.get(out.channel) ?? 1) - 1;
        if (left > 0) this.#appendQueued.set(out.channel, left);
        else this.#appendQueued.delete(out.channel);
      }
      if (!this.pack) {
        this.socket.send(out.json, this.#sent);
        continue;
      }
      packed.push(out.json);
      packedBytes += out.json.length;
    }
    flushPacked();
  }

  /** After a frame was written: resumes a pump that waited for the socket to drain. */
  readonly #sent = (error?: Error | null): void => {
    if (error !== undefined && error !== null) return;
    if (this.#waitingForDrain && this.socket.bufferedAmount < this.limits.highWaterBytes) {
      this.#waitingForDrain = false;
      this.#schedulePump();
    }
  };
}

const rawText = (raw: RawData): string =>
  Array.isArray(raw)
    ? Buffer.concat(raw).toString('utf8')
    : Buffer.isBuffer(raw)
      ? raw.toString('utf8')
      : Buffer.from(raw).toString('utf8');
