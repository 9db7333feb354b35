import { deepEqual, equal, throws } from 'node:assert/strict';
import type { Market } from '@hoga/model';
import { FakeClock } from '../testing/fake-clock.js';
import { tickerFrame, tradeFrame, tradeFrameSimple } from '../testing/upbit-frames.js';
import { ReplayPacer } from './replay-pacer.js';
import { ReplayFileSource } from './replay-file.source.js';
import type { FeedSink } from './source.port.js';

const T0 = Date.UTC(2026, 0, 5, 0, 0, 0);
const line = (frame: object) => JSON.stringify(frame);
async function* lines(all: readonly string[]): AsyncGenerator<string> {
  yield* all;
}

/** A sink recording what it is told, with the fake clock's time at each call. */
function recorder(clock: FakeClock) {
  const calls: string[] = [];
  const sink: FeedSink = {
    onTime: (now) => void calls.push(`time ${now - T0} @${clock.now() - T0}`),
    onMessage: (m, now) => void calls.push(`${m.type} ${m.code} ${now - T0}`),
    onIssue: (e) => void calls.push(`issue ${e.name}`),
  };
  return { calls, sink };
}

async function play(recording: readonly string[], speed: number, watched = ['KRW-BTC']) {
  const clock = new FakeClock(T0);
  const source = new ReplayFileSource({ lines: () => lines(recording), speed, clock });
  const { calls, sink } = recorder(clock);
  source.watch(new Set(watched as Market[]));
  source.start(sink);
  await source.ended;
  return { calls, sleeps: clock.sleeps };
}

const trade = (at: number, sentAt = at) => tradeFrame({ price: 100, volume: 1, at, sentAt });

describe('replay', () => {
  it('plays frames at recorded speed × factor, with the recorded time as the feed time', async () => {
    const recording = [line(trade(T0)), line(trade(T0 + 1000, T0 + 1500)), line(trade(T0 + 4000))];
    const { calls, sleeps } = await play(recording, 2);
    deepEqual(sleeps, [750, 1250]);
    deepEqual(calls, [
      'time 0 @0',
      'trade KRW-BTC 0',
      'time 1500 @750',
      'trade KRW-BTC 1500',
      'time 4000 @2000',
      'trade KRW-BTC 4000',
    ]);
  });

  it('never waits at factor 0, and plays the same frames the same way', async () => {
    const recording = [line(trade(T0)), line(trade(T0 + 60_000)), line(trade(T0 + 120_000))];
    const first = await play(recording, 0);
    deepEqual(first.sleeps, []);
    deepEqual(first.calls, (await play(recording, 0)).calls);
  });

  it('releases a frame recorded earlier than the previous one at once', async () => {
    const { sleeps } = await play([line(trade(T0 + 5000)), line(trade(T0 + 1000))], 1);
    deepEqual(sleeps, []);
  });

  it('reads SIMPLE and list lines, skips other types and unwatched markets, reports bad lines', async () => {
    const recording = [
      line(tradeFrameSimple({ price: 100, volume: 1, at: T0 })),
      line([trade(T0 + 1), tickerFrame({ price: 100, volume: 1, at: T0 + 2 })]),
      line({
        type: 'orderbook',
        code: 'KRW-BTC',
        timestamp: T0,
        orderbook_units: [],
        stream_type: 'REALTIME',
        total_ask_size: 0,
        total_bid_size: 0,
      }),
      line(tradeFrame({ code: 'KRW-ETH', price: 100, volume: 1, at: T0 + 3 })),
      '{"status":"UP"}',
      '',
      'not json',
    ];
    const { calls } = await play(recording, 0);
    deepEqual(
      calls.filter((c) => !c.startsWith('time')),
      ['trade KRW-BTC 0', 'trade KRW-BTC 1', 'ticker KRW-BTC 2', 'issue UpbitDecodeError'],
    );
  });

  it('refuses a negative or infinite speed', () => {
    throws(() => new ReplayPacer(-1, new FakeClock()), RangeError);
    throws(() => new ReplayPacer(Number.POSITIVE_INFINITY, new FakeClock()), RangeError);
  });

  it('stops playing once closed', async () => {
    const clock = new FakeClock(T0);
    const recording = Array.from({ length: 10 }, (_, i) => line(trade(T0 + i * 1000)));
    const source = new ReplayFileSource({ lines: () => lines(recording), speed: 1, clock });
    const { calls, sink } = recorder(clock);
    source.watch(new Set(['KRW-BTC' as Market]));
    let closing: Promise<void> | undefined;
    source.start({
      ...sink,
      onMessage: (m, now) => {
        sink.onMessage(m, now);
        closing ??= source.close();
      },
    });
    await source.ended;
    await closing;
    equal(calls.filter((c) => c.startsWith('trade')).length, 1);
  });
});
