import { deepEqual, equal } from 'node:assert/strict';
import { failingPaths, issuesOf, withData } from './testing/codec.js';
import { marketSamples } from './testing/samples.js';
import { Candle, CANDLE_INTERVALS, candleIntervalMs, Tick } from './market-data.codec.js';

const { tick, candle } = marketSamples;

describe('Tick', () => {
  it('refuses a NaN, negative or zero price at data.price', () => {
    for (const price of [NaN, '-1', '0', 'abc', null])
      deepEqual(failingPaths(Tick, withData(tick, { price })), ['data.price'], String(price));
  });
  it('refuses a missing field, naming it', () => {
    const issues = issuesOf(Tick, withData(tick, { volume: undefined }));
    deepEqual(
      issues.map((i) => [i.path, i.received]),
      [['data.volume', 'undefined']],
    );
  });
  it('refuses a fractional or negative timestamp and an unknown side', () => {
    deepEqual(failingPaths(Tick, withData(tick, { tradeTimestamp: 1.5 })), ['data.tradeTimestamp']);
    deepEqual(failingPaths(Tick, withData(tick, { sequentialId: -1 })), ['data.sequentialId']);
    deepEqual(failingPaths(Tick, withData(tick, { side: 'buy' })), ['data.side']);
  });
  it('refuses another message type and a broken envelope', () => {
    deepEqual(failingPaths(Tick, { ...tick, type: 'Candle' }), ['type']);
    deepEqual(failingPaths(Tick, { ...tick, occurredAt: '23/11/2026' }), ['occurredAt']);
    deepEqual(failingPaths(Tick, { ...tick, correlationId: undefined }), ['correlationId']);
    deepEqual(failingPaths(Tick, 'not an object'), ['']);
  });
  it('does not leak a long value into the error, only its length', () => {
    const [issue] = issuesOf(Tick, withData(tick, { market: 'KRW-' + 'X'.repeat(40) }));
    equal(issue?.received, 'string(44)');
  });
});

describe('Candle', () => {
  it('refuses a high below the open or close, or a low above them', () => {
    deepEqual(failingPaths(Candle, withData(candle, { high: '812' })), ['data']);
    deepEqual(failingPaths(Candle, withData(candle, { low: '811.5' })), ['data']);
  });
  it('refuses an open time off the interval grid', () => {
    const issues = issuesOf(Candle, withData(candle, { openTime: '2026-11-23T10:06:00.000Z' }));
    equal(issues[0]?.path, 'data');
    equal(issues[0]?.expected.includes('interval grid'), true);
  });
  it('accepts a day candle opening at 09:00 KST', () => {
    const day = withData(candle, { interval: '1d', openTime: '2026-11-23T09:00:00+09:00' });
    deepEqual(failingPaths(Candle, withData(day, { interval: '15s' })), ['data.interval']);
    equal(Candle.decode(day)._tag, 'Right');
  });
  it('knows the length of every interval', () => {
    equal(candleIntervalMs('1m'), 60_000);
    equal(candleIntervalMs('240m'), 4 * 3_600_000);
    const lengths = CANDLE_INTERVALS.map(candleIntervalMs);
    deepEqual(
      lengths,
      [...lengths].sort((a, b) => a - b),
    );
  });
});
