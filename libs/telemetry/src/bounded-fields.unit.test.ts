import { deepEqual, equal, ok } from 'node:assert/strict';
import { boundFields, MAX_LOG_FIELDS_CHARS, MAX_LOG_STRING } from './bounded-fields.js';
import { createLogger, jsonLineSink, memorySink } from './logger.js';

describe('bounded log records', () => {
  it('leaves a small record as it is', () => {
    deepEqual(boundFields({ a: 1, b: 'x', c: [1, 2], d: { e: null } }), {
      a: 1,
      b: 'x',
      c: [1, 2],
      d: { e: null },
    });
  });
  it('cuts a megabyte string field with a marker', () => {
    const out = boundFields({ payload: 'p'.repeat(3_400_000) });
    const payload = out['payload'] as string;
    ok(payload.length <= MAX_LOG_STRING);
    ok(/…\[cut \d+ of 3400000 chars\]$/.test(payload));
  });
  it('caps arrays, objects, depth and byte arrays', () => {
    const out = boundFields({
      list: Array.from({ length: 1000 }, (_, i) => i),
      bytes: new Uint8Array(396_000),
      deep: { a: { b: { c: { d: { e: { f: 1 } } } } } },
      error: new Error('e'.repeat(10_000)),
    });
    const list = out['list'] as unknown[];
    equal(list.length, 51);
    equal(list[50], '…[cut 950 of 1000 items]');
    equal(out['bytes'], 'bytes(396000)');
    deepEqual(out['deep'], { a: { b: { c: { d: 'object' } } } });
    ok((out['error'] as { message: string }).message.length <= MAX_LOG_STRING);
  });
  it('bounds the whole record even when every field is at its cap', () => {
    const fields = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`f${i}`, 'v'.repeat(5_000)]),
    );
    const out = boundFields(fields);
    ok(JSON.stringify(out).length <= MAX_LOG_FIELDS_CHARS);
    ok(String(out['…']).startsWith('…[cut '));
  });
  it('writes a dead letter of 396 KB as one short line', () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'test', sinks: [jsonLineSink((l) => lines.push(l))] });
    const account = JSON.stringify({
      balances: Array.from({ length: 6_000 }, (_, i) => ({ currency: `C${i}`, balance: '1.0' })),
    });
    ok(account.length > 190_000);
    logger.warn('bus: message dead-lettered', {
      error: account,
      payload: account,
      list: [account],
    });
    equal(lines.length, 1);
    ok(lines[0]!.length < 20_000, `line of ${lines[0]!.length} chars`);
  });
  it('also cuts the message text', () => {
    const sink = memorySink();
    createLogger({ service: 'test', sinks: [sink] }).error('m'.repeat(100_000));
    ok(sink.records[0]!.msg.length <= MAX_LOG_STRING);
  });
});
