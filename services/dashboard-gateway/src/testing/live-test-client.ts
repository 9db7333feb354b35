import { WebSocket } from 'ws';
import { SESSION_COOKIE } from '../app/auth/guards.js';

/** A frame from the live socket, parsed. */
export type LiveFrame = Record<string, unknown> & { readonly type: string };

/** What a channel looks like to a client that applied its snapshot and deltas. */
export interface ChannelView {
  /** Replace channels: the latest data per key. */
  readonly values: Map<string, unknown>;
  /** Append channels: every entry in order. */
  readonly entries: { key: string; seq: number; data: unknown }[];
  /** The last seq applied (the snapshot's, then each delta's). */
  lastSeq: number;
}

/** How a test opens the live socket. */
export interface LiveConnectOptions {
  readonly cookie?: string | undefined;
  /** Default: the dashboard's origin; null: none. */
  readonly origin?: string | null;
}

/**
 * A live WebSocket client for tests and the bench: connects like a browser (session cookie,
 * Origin), records every frame and folds snapshots and deltas per channel, as the web app will;
 * it checks the protocol's promises as it goes (seq strictly increasing per channel after a
 * snapshot, no delta before its channel's snapshot or resume) and records any breach.
 */
export class LiveTestClient {
  readonly frames: LiveFrame[] = [];
  readonly channels = new Map<string, ChannelView>();
  /** Protocol breaches seen (a test expects none). */
  readonly breaches: string[] = [];
  epoch = '';
  closeCode: number | undefined;
  closeReason = '';
  #waiters: { test: () => boolean; resolve: () => void }[] = [];
  keepFrames = true;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (raw: Buffer) =>
      this.#onFrame(JSON.parse(raw.toString('utf8')) as LiveFrame),
    );
    socket.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      this.#wake();
    });
  }

  /** Opens `ws://…/api/live` on `base` (rejects with the HTTP status when refused). */
  static connect(base: string, options: LiveConnectOptions): Promise<LiveTestClient> {
    const url = new URL('/api/live', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const headers: Record<string, string> = {};
    if (options.cookie !== undefined) headers['cookie'] = `${SESSION_COOKIE}=${options.cookie}`;
    const origin = options.origin === undefined ? new URL(base).origin : options.origin;
    const socket = new WebSocket(url, { headers, ...(origin === null ? {} : { origin }) });
    const client = new LiveTestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('unexpected-response', (_req, res) =>
        reject(new LiveRefusedError(res.statusCode ?? 0)),
      );
      socket.once('error', reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  sub(ch: string, fromSeq?: number, epoch?: string): void {
    this.send({
      op: 'sub',
      ch,
      ...(fromSeq === undefined ? {} : { fromSeq, epoch: epoch ?? this.epoch }),
    });
  }

  /** Resolves once `test` holds (checked after every frame), or rejects after `timeoutMs`. */
  until(test: () => boolean, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters = this.#waiters.filter((w) => w.test !== test);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.#waiters.push({
        test,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Frames of a type. */
  ofType(type: string): LiveFrame[] {
    return this.frames.filter((f) => f.type === type);
  }

  close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }

  #onFrame(frame: LiveFrame): void {
    if (this.keepFrames) this.frames.push(frame);
    const ch = frame['ch'] as string;
    switch (frame.type) {
      case 'hello':
        this.epoch = frame['epoch'] as string;
        break;
      case 'snapshot': {
        const view: ChannelView = {
          values: new Map(),
          entries: [],
          lastSeq: frame['seq'] as number,
        };
        for (const e of frame['entries'] as { key: string; seq: number; data: unknown }[]) {
          if (frame['kind'] === 'replace') view.values.set(e.key, e.data);
          else view.entries.push(e);
        }
        this.channels.set(ch, view);
        break;
      }
      case 'resumed': {
        const view = this.channels.get(ch);
        if (view === undefined) this.breaches.push(`resumed ${ch} without a view`);
        else if (view.lastSeq !== frame['fromSeq'])
          this.breaches.push(
            `resumed ${ch} from ${String(frame['fromSeq'])}, held ${String(view.lastSeq)}`,
          );
        break;
      }
      case 'resync':
        this.channels.delete(ch);
        break;
      case 'delta': {
        const view = this.channels.get(ch);
        const seq = frame['seq'] as number;
        if (view === undefined) {
          this.breaches.push(`delta ${String(seq)} on ${ch} before its snapshot`);
          break;
        }
        if (seq <= view.lastSeq)
          this.breaches.push(`delta ${String(seq)} on ${ch} not after ${String(view.lastSeq)}`);
        view.lastSeq = seq;
        const key = frame['key'] as string;
        if (frame['kind'] === 'replace') {
          if (frame['data'] === null) view.values.delete(key);
          else view.values.set(key, frame['data']);
        } else view.entries.push({ key, seq, data: frame['data'] });
        break;
      }
    }
    this.#wake();
  }

  #wake(): void {
    const ready = this.#waiters.filter((w) => w.test());
    this.#waiters = this.#waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve();
  }
}

/** The live socket was refused before the upgrade. */
export class LiveRefusedError extends Error {
  constructor(readonly status: number) {
    super(`live socket refused: HTTP ${String(status)}`);
    this.name = 'LiveRefusedError';
  }
}
