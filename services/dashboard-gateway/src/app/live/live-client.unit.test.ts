import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { LiveClient, type LiveClientLimits } from './live-client.js';
import { LiveHub } from './live-hub.js';

/** A socket whose buffer level the test sets; it records what was sent and how it closed. */
class FakeSocket extends EventEmitter {
  bufferedAmount = 0;
  readonly sent: Record<string, unknown>[] = [];
  /** Each text message as sent (a packed one is a JSON array of frames). */
  readonly messages: string[] = [];
  closed: { code: number; reason: string } | undefined;
  send(data: string, cb?: (error?: Error) => void): void {
    this.messages.push(data);
    const parsed = JSON.parse(data) as Record<string, unknown> | Record<string, unknown>[];
    this.sent.push(...(Array.isArray(parsed) ? parsed : [parsed]));
    if (cb) setImmediate(cb);
  }
  ping(): void {}
  close(code: number, reason: string): void {
    this.closed = { code, reason };
  }
  terminate(): void {}
  message(value: unknown): void {
    this.emit('message', Buffer.from(JSON.stringify(value)), false);
  }
}

const LIMITS: LiveClientLimits = {
  maxQueuedBytes: 10_000,
  slowClientMs: 1_000,
  highWaterBytes: 64 * 1024,
  appendQueue: 5,
  maxSubscriptions: 4,
  heartbeatMs: 15_000,
};
const tick = () => new Promise((resolve) => setImmediate(resolve));

function setUp(sessionOpen: () => boolean = () => true, pack = false, limits = LIMITS) {
  const hub = new LiveHub(1_000);
  const socket = new FakeSocket();
  const client = new LiveClient(
    socket as unknown as WebSocket,
    hub,
    limits,
    () => undefined,
    sessionOpen,
    pack,
  );
  return { hub, socket, client };
}

describe('LiveClient (one socket)', () => {
  it('coalesces a replace channel per key while the socket is backed up, in seq order', async () => {
    const { hub, socket, client } = setUp();
    socket.message({ op: 'sub', ch: 'positions' });
    await tick();
    socket.bufferedAmount = 1e9; // backed up
    for (let n = 1; n <= 1_000; n += 1) hub.publish('positions', `p${String(n % 10)}`, { n });
    await tick();
    ok(client.queuedBytes() - socket.bufferedAmount < 10 * 100, 'one frame per key');
    socket.bufferedAmount = 0;
    client.check(Date.now());
    await tick();
    const deltas = socket.sent.filter((f) => f['type'] === 'delta');
    strictEqual(deltas.length, 10);
    deepStrictEqual(
      deltas.map((d) => (d['data'] as { n: number }).n),
      [991, 992, 993, 994, 995, 996, 997, 998, 999, 1000],
    );
  });

  it('resyncs an append channel that queued past its bound: a fresh snapshot, nothing stale', async () => {
    const { hub, socket, client } = setUp();
    socket.message({ op: 'sub', ch: 'commands' });
    await tick();
    socket.bufferedAmount = 1e9;
    for (let n = 1; n <= 8; n += 1) hub.publish('commands', `c${String(n)}`, { n });
    socket.bufferedAmount = 0;
    client.check(Date.now());
    await tick();
    deepStrictEqual(
      socket.sent.map((f) => [
        f['type'],
        f['reason'] ?? (f['entries'] as unknown[] | undefined)?.length ?? f['seq'],
      ]),
      [
        ['hello', 0],
        ['snapshot', 0],
        ['resync', 'overflow'],
        ['snapshot', 6],
        ['delta', 7],
        ['delta', 8],
      ],
    );
  });

  it('closes a client over its byte limit for slowClientMs with 4008, and counts it', () => {
    const { hub, socket, client } = setUp();
    socket.bufferedAmount = 20_000;
    const t0 = Date.now();
    client.check(t0);
    client.check(t0 + 999);
    strictEqual(socket.closed, undefined);
    socket.bufferedAmount = 0;
    client.check(t0 + 1_500); // back under: the clock starts over
    socket.bufferedAmount = 20_000;
    client.check(t0 + 2_000);
    client.check(t0 + 2_999);
    strictEqual(socket.closed, undefined);
    client.check(t0 + 3_000);
    deepStrictEqual(socket.closed, { code: 4008, reason: 'too slow' });
    strictEqual(hub.stats().droppedClients, 1);
    strictEqual(hub.stats().clients, 0);
  });

  it('closes with 4001 once the session ended', () => {
    let open = true;
    const { socket, client } = setUp(() => open);
    client.check(Date.now());
    strictEqual(socket.closed, undefined);
    open = false;
    client.check(Date.now());
    deepStrictEqual(socket.closed, { code: 4001, reason: 'session ended' });
  });

  it('refuses more subscriptions than its limit, and unsubscribes', async () => {
    const { socket } = setUp();
    for (const ch of ['positions', 'risk', 'commands', 'ticks/KRW-BTC', 'ticks/KRW-ETH'])
      socket.message({ op: 'sub', ch });
    socket.message({ op: 'unsub', ch: 'risk' });
    socket.message({ op: 'sub', ch: 'ticks/KRW-ETH' });
    await tick();
    deepStrictEqual(
      socket.sent
        .filter((f) => f['type'] !== 'snapshot')
        .map((f) => [f['type'], f['code'] ?? f['ch'] ?? '']),
      [
        ['hello', ''],
        ['error', 'too-many-subscriptions'],
        ['unsubscribed', 'risk'],
      ],
    );
    // four accepted, risk's (still queued) dropped by its unsub, then ticks/KRW-ETH's
    deepStrictEqual(
      socket.sent.filter((f) => f['type'] === 'snapshot').map((f) => f['ch']),
      ['positions', 'commands', 'ticks/KRW-BTC', 'ticks/KRW-ETH'],
    );
  });

  it('packed (?pack=1): the frames of one send round go as one message, a JSON array, in seq order', async () => {
    const { hub, socket } = setUp(() => true, true);
    socket.message({ op: 'sub', ch: 'positions' });
    await tick();
    const before = socket.messages.length;
    for (let n = 1; n <= 200; n += 1) hub.publish('positions', `p${String(n)}`, { n });
    await tick();
    strictEqual(socket.messages.length - before, 1, 'one message for the round');
    const packed = JSON.parse(socket.messages.at(-1)!) as { seq: number; key: string }[];
    ok(Array.isArray(packed));
    strictEqual(packed.length, 200);
    deepStrictEqual(
      packed.map((f) => f.key),
      Array.from({ length: 200 }, (_, i) => `p${String(i + 1)}`),
    );
    ok(packed.every((f, i) => i === 0 || f.seq > packed[i - 1]!.seq));
    // a round of one frame is that frame, not an array of one
    hub.publish('positions', 'p1', { n: 0 });
    await tick();
    strictEqual((JSON.parse(socket.messages.at(-1)!) as { key: string }).key, 'p1');
  });

  it('packed: a message holds at most about highWaterBytes, and a backed-up socket still coalesces', async () => {
    const { hub, socket, client } = setUp(() => true, true, { ...LIMITS, highWaterBytes: 2_000 });
    socket.message({ op: 'sub', ch: 'positions' });
    await tick();
    const before = socket.messages.length;
    const pad = 'x'.repeat(100);
    for (let n = 1; n <= 100; n += 1) hub.publish('positions', `p${String(n)}`, { n, pad });
    await tick();
    const messages = socket.messages.slice(before);
    ok(messages.length >= 5, `split into several messages (${String(messages.length)})`);
    ok(messages.every((m) => m.length < 2_000 + 300));
    strictEqual(socket.sent.filter((f) => f['type'] === 'delta').length, 100, 'nothing lost');
    socket.bufferedAmount = 1e9;
    for (let n = 1; n <= 1_000; n += 1) hub.publish('positions', `p${String(n % 10)}`, { n });
    await tick();
    const held = socket.sent.length;
    socket.bufferedAmount = 0;
    client.check(Date.now());
    await tick();
    deepStrictEqual(
      socket.sent.slice(held).map((d) => (d['data'] as { n: number }).n),
      [991, 992, 993, 994, 995, 996, 997, 998, 999, 1000],
    );
  });
});
