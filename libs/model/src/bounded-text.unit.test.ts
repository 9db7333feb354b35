import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { capList, capText, cutMarker, previewBytes } from './bounded-text.js';
import type { DecodeError } from './decode.js';
import { decodeWith, MAX_ISSUES_IN_MESSAGE, MAX_ISSUES_KEPT } from './decode.js';

describe('bounded text', () => {
  it('keeps text within the cap untouched', () => {
    equal(capText('abc', 3), 'abc');
    equal(capText('', 0), '');
  });
  it('cuts longer text to the cap and says how much was cut', () => {
    const text = 'x'.repeat(3_400_000);
    const capped = capText(text, 2_000);
    equal(capped.length <= 2_000, true);
    ok(capped.endsWith(cutMarker(3_400_000 - capped.indexOf('…'), 3_400_000)));
    ok(capped.startsWith('xxxx'));
  });
  it('never ends the kept part on half a surrogate pair', () => {
    const text = '😀'.repeat(100);
    const capped = capText(text, 40);
    const kept = capped.slice(0, capped.indexOf('…'));
    equal(kept.length % 2, 0);
    ok(capped.length <= 40);
  });
  it('caps lists and counts the rest', () => {
    deepEqual(capList([1, 2, 3], 5), { kept: [1, 2, 3], omitted: 0 });
    deepEqual(capList([1, 2, 3, 4], 2), { kept: [1, 2], omitted: 2 });
  });
  it('previews a payload by its first bytes, with the bytes cut', () => {
    const payload = new TextEncoder().encode(`{"a":"${'한'.repeat(1000)}"}`);
    const preview = previewBytes(payload, 100);
    ok(preview.startsWith('{"a":"한'));
    ok(preview.endsWith(`…[cut ${payload.length - 100} of ${payload.length} bytes]`));
    ok(!preview.includes('\uFFFD'));
    equal(previewBytes(new Uint8Array([0x7b, 0x7d])), '{}');
  });
});

describe('DecodeError bounds', () => {
  const Balances = t.array(t.strict({ currency: t.string, balance: t.string }));
  const bad = Array.from({ length: 30_000 }, (_, i) => ({ currency: i, balance: null }));

  it('names a few issues, counts the rest, and stays short for a huge bad input', () => {
    const r = decodeWith(Balances, bad);
    ok(E.isLeft(r));
    const error: DecodeError = r.left;
    equal(error.issueCount, 60_000);
    equal(error.issues.length, MAX_ISSUES_KEPT);
    ok(error.message.length <= 2_000, `message of ${error.message.length} chars`);
    equal(error.message.split('; ').length, MAX_ISSUES_IN_MESSAGE + 1);
    ok(error.message.endsWith(`and ${60_000 - MAX_ISSUES_IN_MESSAGE} more issues`));
  });
  it('reads as before for a small input', () => {
    const r = decodeWith(Balances, [{ currency: 'KRW' }]);
    ok(E.isLeft(r));
    equal(
      r.left.message,
      'invalid ' + Balances.name + ': [0].balance: expected string, got undefined',
    );
    equal(r.left.issueCount, 1);
  });
  it('cuts a huge path or codec name', () => {
    const Deep = t.record(t.string, t.number);
    const r = decodeWith(Deep, { ['k'.repeat(100_000)]: 'x' });
    ok(E.isLeft(r));
    ok(r.left.message.length <= 2_000);
    ok(r.left.issues[0]!.path.length <= 200);
  });
});
