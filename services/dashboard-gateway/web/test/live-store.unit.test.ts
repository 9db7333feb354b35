import { until } from './browser-env.js';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { createRoot } from 'solid-js';
import type { ServerFrame } from '../src/live/live-frames.js';
import { createLive, supersededStates, type Live } from '../src/live/live-store.js';

type Listener = (event: { data?: unknown }) => void;

/**
 * The gateway's end of one socket, scripted by the test: it opens, sends frames, drops; what the
 * page sent is kept in order. The store under test is the page's own (`createLive`).
 */
class ScriptedSocket {
  static readonly OPEN = 1;
  static readonly all: ScriptedSocket[] = [];
  readyState = 0;
  readonly sent: Record<string, unknown>[] = [];
  readonly #listeners = new Map<string, Listener[]>();
  constructor(readonly url: string) {
    ScriptedSocket.all.push(this);
  }
  addEventListener(type: string, listener: Listener): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  send(data: string): void {
    this.sent.push(JSON.parse(data) as Record<string, unknown>);
  }
  close(): void {
    this.drop();
  }
  // the gateway's side
  open(): void {
    this.readyState = 1;
    this.#emit('open', {});
  }
  frame(frame: unknown): void {
    this.#emit('message', { data: typeof frame === 'string' ? frame : JSON.stringify(frame) });
  }
  drop(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.#emit('close', {});
  }
  subs(): Record<string, unknown>[] {
    return this.sent.filter((m) => m['op'] === 'sub');
  }
  #emit(type: string, event: { data?: unknown }): void {
    for (const l of this.#listeners.get(type) ?? []) l(event);
  }
}
Object.defineProperty(globalThis, 'WebSocket', { value: ScriptedSocket, configurable: true });

const position = (id: string, last: string) => ({
  positionId: id,
  status: 'active',
  lastPrice: last,
});

describe("web: the live store folds the gateway's snapshot and deltas, and resumes", () => {
  let live: Live;
  let dispose: () => void;
  const socket = () => ScriptedSocket.all.at(-1)!;
  /** A position's last price as the page holds it, or undefined when it holds no such position. */
  const last = (key: string) => live.positions.row(key)?.lastPrice?.toString();

  beforeEach(() => {
    ScriptedSocket.all.length = 0;
    createRoot((d) => {
      dispose = d;
      live = createLive('ws://gateway.test/api/live');
    });
  });
  afterEach(() => {
    live.stop();
    dispose();
  });

  const hello = (epoch = 'e1', heartbeatMs = 15_000) => ({
    type: 'hello',
    epoch,
    seq: 0,
    heartbeatMs,
  });

  it('subscribes its channels after hello, then shows the snapshot and each delta by key', async () => {
    strictEqual(live.connection(), 'connecting');
    socket().open();
    strictEqual(live.connection(), 'open');
    socket().frame(hello());
    await until(() => socket().subs().length === 3, 'the subscriptions');
    deepStrictEqual(
      socket()
        .subs()
        .map((m) => m['ch']),
      ['positions', 'risk', 'commands'],
    );
    ok(
      socket()
        .subs()
        .every((m) => m['fromSeq'] === undefined),
      'a first subscription',
    );
    socket().frame({
      type: 'snapshot',
      ch: 'positions',
      kind: 'replace',
      seq: 5,
      entries: [
        { key: 'a', seq: 4, data: position('a', '100') },
        { key: 'b', seq: 5, data: position('b', '200') },
      ],
    });
    await until(() => last('a') === '100' && last('b') === '200', 'the snapshot');
    const b = live.positions.row('b');
    socket().frame({
      type: 'delta',
      ch: 'positions',
      seq: 6,
      kind: 'replace',
      key: 'a',
      data: position('a', '101'),
    });
    await until(() => last('a') === '101', 'the delta');
    strictEqual(live.positions.row('b'), b, 'an unchanged position keeps its row object');
    // a delta already applied (or older) changes nothing; a null deletes the key
    socket().frame({
      type: 'delta',
      ch: 'positions',
      seq: 6,
      kind: 'replace',
      key: 'a',
      data: position('a', '999'),
    });
    socket().frame({
      type: 'delta',
      ch: 'positions',
      seq: 3,
      kind: 'replace',
      key: 'b',
      data: position('b', '999'),
    });
    socket().frame({
      type: 'delta',
      ch: 'positions',
      seq: 7,
      kind: 'replace',
      key: 'b',
      data: null,
    });
    await until(() => last('b') === undefined, 'the deletion');
    strictEqual(last('a'), '101');
    // receipts come by command id
    socket().frame({
      type: 'delta',
      ch: 'commands',
      seq: 1,
      kind: 'replace',
      key: 'cmd-1',
      data: { status: 'accepted' },
    });
    await until(() => live.state.receipts['cmd-1'] !== undefined, 'the receipt');
  });

  it('drops a frame it does not know, whole', async () => {
    socket().open();
    socket().frame(hello());
    socket().frame('not json');
    socket().frame({
      type: 'snapshot',
      ch: 'positions',
      kind: 'replace',
      seq: 1,
      entries: [{ key: 'x' }],
    });
    socket().frame({
      type: 'delta',
      ch: 'positions',
      seq: -1,
      kind: 'replace',
      key: 'x',
      data: {},
    });
    socket().frame({
      type: 'snapshot',
      ch: 'positions',
      kind: 'replace',
      seq: 2,
      entries: [{ key: 'y', seq: 2, data: position('y', '1') }],
    });
    await until(() => last('y') !== undefined, 'the good snapshot');
    strictEqual(last('x'), undefined);
  });

  it('after a drop: says so at once, reconnects, resumes each channel from its last sequence', async () => {
    socket().open();
    socket().frame(hello('e1'));
    socket().frame({
      type: 'snapshot',
      ch: 'positions',
      kind: 'replace',
      seq: 9,
      entries: [{ key: 'a', seq: 9, data: position('a', '1') }],
    });
    socket().frame({ type: 'snapshot', ch: 'risk', kind: 'replace', seq: 2, entries: [] });
    await until(() => last('a') !== undefined, 'the snapshot');
    const first = socket();
    first.drop();
    strictEqual(live.connection(), 'reconnecting');
    await until(() => ScriptedSocket.all.length === 2, 'a new socket');
    socket().open();
    socket().frame(hello('e1'));
    await until(() => socket().subs().length === 3, 'the resubscriptions');
    const byCh = new Map(
      socket()
        .subs()
        .map((m) => [m['ch'], m]),
    );
    deepStrictEqual(byCh.get('positions'), { op: 'sub', ch: 'positions', fromSeq: 9, epoch: 'e1' });
    deepStrictEqual(byCh.get('risk'), { op: 'sub', ch: 'risk', fromSeq: 2, epoch: 'e1' });
    deepStrictEqual(
      byCh.get('commands'),
      { op: 'sub', ch: 'commands' },
      'nothing received on it yet',
    );
    // the gateway replays what was missed
    socket().frame({ type: 'resumed', ch: 'positions', fromSeq: 9, seq: 10 });
    socket().frame({
      type: 'delta',
      ch: 'positions',
      seq: 10,
      kind: 'replace',
      key: 'a',
      data: position('a', '2'),
    });
    await until(() => last('a') === '2', 'the missed delta');
  });

  it('starts afresh when the gateway restarted (a new epoch) or no longer keeps the deltas (resync)', async () => {
    socket().open();
    socket().frame(hello('e1'));
    socket().frame({ type: 'snapshot', ch: 'positions', kind: 'replace', seq: 9, entries: [] });
    socket().frame({ type: 'snapshot', ch: 'risk', kind: 'replace', seq: 4, entries: [] });
    socket().frame({ type: 'resync', ch: 'risk', reason: 'too far behind' });
    await until(() => socket().sent.length >= 3, 'the first subscriptions');
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket().drop();
    await until(() => ScriptedSocket.all.length === 2, 'a new socket');
    socket().open();
    socket().frame(hello('e1'));
    await until(() => socket().subs().length === 3, 'the resubscriptions');
    strictEqual(
      socket()
        .subs()
        .find((m) => m['ch'] === 'risk')!['fromSeq'],
      undefined,
      'resync: a snapshot',
    );
    strictEqual(
      socket()
        .subs()
        .find((m) => m['ch'] === 'positions')!['fromSeq'],
      9,
    );
    socket().drop();
    await until(() => ScriptedSocket.all.length === 3, 'a third socket');
    socket().open();
    socket().frame(hello('e2'));
    await until(() => socket().subs().length === 3, 'the subscriptions after a restart');
    ok(
      socket()
        .subs()
        .every((m) => m['fromSeq'] === undefined),
      'a new epoch: snapshots',
    );
  });

  it('follows an append channel while a panel needs it: its entries to the panel, then unsub', async () => {
    socket().open();
    socket().frame(hello());
    const got: string[] = [];
    const stop = live.follow('position/a', (entries) => got.push(...entries.map((e) => e.key)));
    await until(
      () =>
        socket()
          .subs()
          .some((m) => m['ch'] === 'position/a'),
      'the follow',
    );
    socket().frame({
      type: 'snapshot',
      ch: 'position/a',
      kind: 'append',
      seq: 2,
      entries: [
        { key: '1', seq: 1, data: {} },
        { key: '2', seq: 2, data: {} },
      ],
    });
    socket().frame({ type: 'delta', ch: 'position/a', seq: 3, kind: 'append', key: '3', data: {} });
    socket().frame({ type: 'delta', ch: 'position/a', seq: 3, kind: 'append', key: '3', data: {} });
    await until(() => got.length === 3, 'the entries');
    deepStrictEqual(got, ['1', '2', '3']);
    strictEqual(live.state.channels['position/a'], undefined, 'followed entries are not stored');
    stop();
    deepStrictEqual(socket().sent.at(-1), { op: 'unsub', ch: 'position/a' });
    // a late frame of a channel no longer followed is dropped
    socket().frame({ type: 'delta', ch: 'position/a', seq: 4, kind: 'append', key: '4', data: {} });
    await new Promise((resolve) => setTimeout(resolve, 50));
    strictEqual(got.length, 3);
  });

  it('takes a packed message (a JSON array of frames) as those frames, leaving out a bad one whole', async () => {
    socket().open();
    socket().frame(hello());
    socket().frame([
      { type: 'snapshot', ch: 'positions', kind: 'replace', seq: 1, entries: [] },
      {
        type: 'delta',
        ch: 'positions',
        seq: 2,
        kind: 'replace',
        key: 'a',
        data: position('a', '1'),
      },
      {
        type: 'delta',
        ch: 'positions',
        seq: -3,
        kind: 'replace',
        key: 'x',
        data: position('x', '1'),
      },
      {
        type: 'delta',
        ch: 'positions',
        seq: 4,
        kind: 'replace',
        key: 'b',
        data: position('b', '2'),
      },
    ]);
    await until(() => last('a') === '1' && last('b') === '2', 'the packed frames');
    strictEqual(last('x'), undefined);
  });

  it("applies only a position's latest state of a frame's worth, and its seq still counts", async () => {
    socket().open();
    socket().frame(hello());
    socket().frame({ type: 'snapshot', ch: 'positions', kind: 'replace', seq: 1, entries: [] });
    await until(() => socket().subs().length === 3, 'the subscriptions');
    // the book's put, watched: what the store folds
    const put = live.positions.put;
    const folded: string[] = [];
    live.positions.put = (key, data) => {
      folded.push(String((data as { lastPrice?: string } | null)?.lastPrice));
      put(key, data);
    };
    const frames = [2, 3, 4, 5].map((seq) => ({
      type: 'delta',
      ch: 'positions',
      seq,
      kind: 'replace',
      key: 'a',
      data: position('a', String(seq * 100)),
    }));
    socket().frame(frames);
    await until(() => last('a') === '500', 'the latest state');
    deepStrictEqual(folded, ['500'], 'the superseded states were never folded');
    // an older seq than the ones skipped is still refused
    socket().frame({ ...frames[0]!, seq: 4, data: position('a', '1') });
    await new Promise((resolve) => setTimeout(resolve, 50));
    strictEqual(last('a'), '500');
  });

  it('supersededStates: a later state of the same key supersedes, a snapshot between them does not', () => {
    const d = (seq: number, key: string, ch = 'positions') =>
      ({ type: 'delta', ch, seq, kind: 'replace', key, data: {} }) as const;
    const snap: ServerFrame = {
      type: 'snapshot',
      ch: 'positions',
      kind: 'replace',
      seq: 4,
      entries: [],
    };
    deepStrictEqual(
      [
        ...supersededStates([
          d(1, 'a'),
          d(2, 'b'),
          d(3, 'a'),
          snap,
          d(5, 'b'),
          d(6, 'x', 'risk'),
          d(7, 'x', 'risk'),
        ]),
      ].sort(),
      [0],
    );
  });
});
