import { deepStrictEqual, strictEqual, throws } from 'node:assert/strict';
import { channelKind } from './live-channels.js';
import { LiveHub, UnknownChannelError } from './live-hub.js';

describe('LiveHub', () => {
  it('numbers every publish and keeps the latest value per key of a replace channel', () => {
    const hub = new LiveHub(100);
    hub.publish('positions', 'a', { v: 1 });
    hub.publish('positions', 'b', { v: 1 });
    hub.publish('positions', 'a', { v: 2 });
    const snap = hub.snapshot('positions');
    strictEqual(snap.seq, 3);
    strictEqual(snap.kind, 'replace');
    deepStrictEqual(
      snap.entries.map((d) => [d.key, d.seq, d.data]),
      [
        ['a', 3, { v: 2 }],
        ['b', 2, { v: 1 }],
      ],
    );
    hub.publish('positions', 'a', null);
    deepStrictEqual(
      hub.snapshot('positions').entries.map((d) => d.key),
      ['b'],
    );
    strictEqual(hub.valueOf('positions', 'b') !== undefined, true);
  });

  it('keeps the last values of an append channel, and forgets the least recent channels', () => {
    const hub = new LiveHub({ backlog: 100, appendKept: 3, appendChannels: 2 });
    for (let i = 1; i <= 5; i += 1) hub.publish('logs/risk-guard', String(i), i);
    deepStrictEqual(
      hub.snapshot('logs/risk-guard').entries.map((d) => d.data),
      [3, 4, 5],
    );
    hub.publish('commands', 'c1', 'x');
    hub.publish('position/p-1', 'e1', 'y');
    deepStrictEqual(hub.snapshot('logs/risk-guard').entries, []);
    strictEqual(hub.snapshot('commands').entries.length, 1);
  });

  it('keeps the append channels within a byte budget, forgetting the least recent first', () => {
    const frame = JSON.stringify({
      type: 'delta',
      ch: 'logs/a',
      seq: 1,
      kind: 'append',
      key: 'k',
      data: 'x'.repeat(100),
    }).length;
    const hub = new LiveHub({ backlog: 10, appendBytes: frame * 5 });
    for (const ch of ['logs/a', 'logs/b', 'logs/c']) {
      hub.publish(ch, 'k', 'x'.repeat(100));
      hub.publish(ch, 'k', 'x'.repeat(100));
    }
    deepStrictEqual(
      ['logs/a', 'logs/b', 'logs/c'].map((ch) => hub.snapshot(ch).entries.length),
      [0, 2, 2],
    );
    hub.publish('logs/b', 'k', 'x'.repeat(100)); // b is now the most recent
    hub.publish('logs/d', 'k', 'x'.repeat(100));
    deepStrictEqual(
      ['logs/b', 'logs/c', 'logs/d'].map((ch) => hub.snapshot(ch).entries.length),
      [3, 0, 1],
    );
  });

  it('gives the deltas after a sequence while kept, undefined once not', () => {
    const hub = new LiveHub(10);
    for (let i = 1; i <= 25; i += 1) hub.publish('risk', 'k', i);
    deepStrictEqual(
      hub.since(20)!.map((d) => d.seq),
      [21, 22, 23, 24, 25],
    );
    deepStrictEqual(hub.since(25), []);
    strictEqual(hub.since(15)!.length, 10);
    strictEqual(hub.since(14), undefined);
    strictEqual(hub.since(26), undefined, 'a sequence this hub never gave');
    strictEqual(hub.since(-1), undefined);
  });

  it('serializes each delta once as its wire frame', () => {
    const hub = new LiveHub(10);
    let frame = '';
    hub.listen((d) => (frame = d.json));
    hub.publish('ticks/KRW-BTC', 'last', { price: '1' });
    deepStrictEqual(JSON.parse(frame), {
      type: 'delta',
      ch: 'ticks/KRW-BTC',
      seq: 1,
      kind: 'replace',
      key: 'last',
      data: { price: '1' },
    });
  });

  it('refuses a name that is not a live channel', () => {
    const hub = new LiveHub(10);
    throws(() => hub.publish('ticks/btc', 'k', 1), UnknownChannelError);
    throws(() => hub.publish('nope', 'k', 1), UnknownChannelError);
    strictEqual(hub.sequence, 0);
  });

  it('names the kinds of the channels', () => {
    deepStrictEqual(
      ['positions', 'risk', 'ticks/KRW-BTC', 'position/p-1', 'logs/market-feed', 'commands'].map(
        channelKind,
      ),
      ['replace', 'replace', 'replace', 'append', 'append', 'append'],
    );
    deepStrictEqual(
      ['', 'ticks/', 'position/', 'logs/Bad', 'position/a b', 'positions/x'].map(channelKind),
      [undefined, undefined, undefined, undefined, undefined, undefined],
    );
  });
});
