/**
 * One WebSocket to `/api/live` for the whole page: it subscribes to the channels the page shows,
 * folds each snapshot and its deltas into one Solid store, resumes from the last sequence after a
 * drop (a fresh snapshot when the gateway no longer keeps the deltas) and says how fresh the data
 * is, so that nothing old looks live.
 */
import { batch, createSignal } from 'solid-js';
import { createStore, produce, reconcile } from 'solid-js/store';
import { parseFrames, type Entry, type ServerFrame } from './live-frames.js';
import { createPositionBook } from './position-book.js';

export type Connection = 'connecting' | 'open' | 'reconnecting';

export interface LiveState {
  /** Replace channels: key -> latest data (`risk`; `positions` is the live's `positions` book). */
  channels: Record<string, Record<string, unknown>>;
  /** Command receipts from the `commands` channel, by command id. */
  receipts: Record<string, unknown>;
}

const CHANNELS = ['positions', 'risk', 'commands'] as const;

export function createLive(
  url = liveUrl(),
  onRefused: () => Promise<void> = async () => undefined,
) {
  const [state, setState] = createStore<LiveState>({
    channels: { risk: {} },
    receipts: {},
  });
  /** The `positions` channel: one store per position, the row list, running sums. */
  const positions = createPositionBook();
  const [connection, setConnection] = createSignal<Connection>('connecting');
  /** When the page last heard from the gateway (any frame), epoch ms. */
  const [heardAt, setHeardAt] = createSignal<number>(Date.now());
  const [now, setNow] = createSignal(Date.now());
  const timer = setInterval(() => setNow(Date.now()), 500);

  /** Channels a panel follows for a while (`logs/<service>`, `position/<id>`), with handlers. */
  const followers = new Map<string, Set<(entries: readonly Entry[]) => void>>();
  let epoch: string | undefined;
  const lastSeq = new Map<string, number>();
  let socket: WebSocket | undefined;
  let retryMs = 250;
  let heartbeatMs = 15_000;
  let stopped = false;
  let watchdog: ReturnType<typeof setTimeout> | undefined;

  const applyEntries = (ch: string, entries: readonly Entry[]) => {
    if (ch === 'commands') {
      setState(
        'receipts',
        produce((r) => {
          for (const e of entries) r[e.key] = e.data;
        }),
      );
      return;
    }
    if (ch === 'positions') {
      positions.replaceAll(entries);
      return;
    }
    const next: Record<string, unknown> = {};
    for (const e of entries) if (e.data !== null) next[e.key] = e.data;
    // reconcile keeps the objects (and so the rows' DOM nodes) of unchanged keys
    setState('channels', ch, reconcile(next, { key: null, merge: true }));
  };

  const applyDelta = (ch: string, key: string, data: unknown) => {
    if (ch === 'commands') setState('receipts', key, data);
    else if (ch === 'positions') positions.put(key, data);
    else if (data === null)
      setState(
        'channels',
        ch,
        produce((m) => void delete m[key]),
      );
    else setState('channels', ch, key, reconcile(data, { merge: true }));
  };

  // frames are applied together once per animation frame, just before it is drawn, in one
  // batch: with thousands of states a second the page's memos run once per frame, not once per
  // state; a position's state superseded by a later one in the same frame is not applied at all
  // (its seq still counts); the positions book publishes its row list and sums once per frame.
  // A hidden page gets no animation frames: a timer folds its frames then.
  let queue: ServerFrame[] = [];
  let scheduled = false;
  let flushFrame: number | undefined;
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    scheduled = false;
    if (flushFrame !== undefined) cancelAnimationFrame(flushFrame);
    clearTimeout(flushTimer);
    flushFrame = undefined;
    flushTimer = undefined;
    const frames = queue;
    queue = [];
    const superseded = supersededStates(frames);
    batch(() => {
      frames.forEach((frame, i) => {
        if (superseded.has(i) && frame.type === 'delta')
          lastSeq.set(frame.ch, Math.max(frame.seq, lastSeq.get(frame.ch) ?? -1));
        else apply(frame);
      });
      positions.commit();
      setHeardAt(Date.now());
    });
  };
  const onMessage = (event: MessageEvent) => {
    if (typeof event.data !== 'string') return;
    armWatchdog();
    const frames = parseFrames(event.data);
    if (frames.length === 0) return;
    queue.push(...frames);
    if (scheduled) return;
    scheduled = true;
    flushFrame = requestAnimationFrame(flush);
    flushTimer = setTimeout(flush, FLUSH_FALLBACK_MS);
  };

  /** A channel the page holds: the fixed ones and those followed now (late frames of others go). */
  const held = (ch: string) => (CHANNELS as readonly string[]).includes(ch) || followers.has(ch);

  const apply = (frame: ServerFrame) => {
    if ((frame.type === 'snapshot' || frame.type === 'delta') && !held(frame.ch)) return;
    switch (frame.type) {
      case 'hello':
        heartbeatMs = frame.heartbeatMs;
        if (epoch !== undefined && epoch !== frame.epoch) lastSeq.clear();
        epoch = frame.epoch;
        for (const ch of [...CHANNELS, ...followers.keys()]) {
          const from = lastSeq.get(ch);
          send({ op: 'sub', ch, ...(from === undefined ? {} : { fromSeq: from, epoch }) });
        }
        return;
      case 'snapshot':
        if (followers.has(frame.ch)) {
          for (const f of followers.get(frame.ch) ?? []) f(frame.entries);
          lastSeq.set(frame.ch, frame.seq);
          return;
        }
        applyEntries(frame.ch, frame.entries);
        lastSeq.set(frame.ch, frame.seq);
        return;
      case 'delta':
        if (frame.seq <= (lastSeq.get(frame.ch) ?? -1)) return;
        if (followers.has(frame.ch)) {
          const entry = { key: frame.key, seq: frame.seq, data: frame.data };
          for (const f of followers.get(frame.ch) ?? []) f([entry]);
          lastSeq.set(frame.ch, frame.seq);
          return;
        }
        applyDelta(frame.ch, frame.key, frame.data);
        lastSeq.set(frame.ch, frame.seq);
        return;
      case 'resumed':
        return;
      case 'resync':
        lastSeq.delete(frame.ch);
        return;
      default:
        return;
    }
  };

  const send = (message: unknown) => {
    if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
  };

  /** No frame for two heartbeats: the socket is dead even if the browser has not noticed. */
  const armWatchdog = () => {
    clearTimeout(watchdog);
    watchdog = setTimeout(() => socket?.close(), heartbeatMs * 2 + 1000);
  };

  const connect = () => {
    if (stopped) return;
    const ws = new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.addEventListener('open', () => {
      opened = true;
      retryMs = 250;
      setConnection('open');
      armWatchdog();
    });
    ws.addEventListener('message', onMessage);
    ws.addEventListener('close', () => {
      if (socket !== ws) return;
      clearTimeout(watchdog);
      if (scheduled) flush();
      setConnection('reconnecting');
      if (stopped) return;
      // refused before opening: the session may have ended (the upgrade answers 401)
      if (!opened) void onRefused();
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    });
  };
  connect();

  return {
    state,
    positions,
    connection,
    heardAt,
    now,
    /**
     * Follows an append channel (`logs/<service>`, `position/<id>`): `onEntries` gets its
     * snapshot (the last kept entries, oldest first), then each new entry, and again what was
     * missed after a reconnect (entries may repeat: keep them by key). Returns the unfollow.
     */
    follow(ch: string, onEntries: (entries: readonly Entry[]) => void): () => void {
      let set = followers.get(ch);
      if (set === undefined) {
        set = new Set();
        followers.set(ch, set);
        send({ op: 'sub', ch });
      }
      set.add(onEntries);
      return () => {
        const now = followers.get(ch);
        if (now === undefined) return;
        now.delete(onEntries);
        if (now.size > 0) return;
        followers.delete(ch);
        lastSeq.delete(ch);
        send({ op: 'unsub', ch });
      };
    },
    /** Ms since the gateway was last heard from while the socket is not open; 0 when live. */
    staleMs: () => (connection() === 'open' ? 0 : now() - heardAt()),
    stop() {
      stopped = true;
      clearInterval(timer);
      positions.stop();
      if (flushFrame !== undefined) cancelAnimationFrame(flushFrame);
      clearTimeout(flushTimer);
      clearTimeout(watchdog);
      socket?.close();
    },
  };
}
export type Live = ReturnType<typeof createLive>;

/** When no animation frame comes (a hidden page), frames are folded after this many ms. */
const FLUSH_FALLBACK_MS = 100;

/**
 * The indexes of `positions` deltas followed by a newer delta of the same key within `frames`
 * (no snapshot or resync of the channel between them): only the latest needs applying.
 */
export function supersededStates(frames: readonly ServerFrame[]): Set<number> {
  const superseded = new Set<number>();
  const later = new Set<string>();
  for (let i = frames.length - 1; i >= 0; i -= 1) {
    const frame = frames[i]!;
    if (frame.type === 'delta' && frame.ch === 'positions') {
      if (later.has(frame.key)) superseded.add(i);
      else later.add(frame.key);
    } else if ((frame.type === 'snapshot' || frame.type === 'resync') && frame.ch === 'positions')
      later.clear();
  }
  return superseded;
}

/** The page's socket: frames packed, one message per send round of the gateway. */
const liveUrl = (): string =>
  `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/live?pack=1`;
