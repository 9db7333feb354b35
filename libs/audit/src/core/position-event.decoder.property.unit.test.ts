import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { PositionEvent } from '@hoga/contracts';
import { tamperedCopies } from '@hoga/contracts/testing';
import { storedEnvelope } from '@hoga/event-store';
import { compiledCheckOf, decodeWith, isRefused } from '@hoga/model';
import { cleanLife, recorded } from '../testing/clean-life.fixture.js';
import { decodePositionEvent } from './position-event.decoder.js';

const meta = (n: number) => ({
  id: `p-1-x${n}`,
  occurredAt: '2026-12-07T01:00:00.000Z',
  causationId: null,
  correlationId: 'p-1',
});
const issued = { commandId: 'c-1', issuedBy: 'cli:alice@desk', reason: null };

/** One stored envelope of every position event type (the clean life's and the others). */
const SAMPLES: readonly Record<string, unknown>[] = [
  ...recorded(cleanLife('p-1')).map((row) => ({ ...storedEnvelope(row) })),
  { ...meta(1), type: 'PeakPriceRaised', data: { price: '100500000', at: '2026-12-07T01:02:00Z' } },
  {
    ...meta(2),
    type: 'OrderFailed',
    data: { orderId: 'o-1', cause: 'expired', code: 'x', message: 'm' },
  },
  {
    ...meta(3),
    type: 'PositionFailed',
    data: { orderId: null, cause: 'order-denied', code: 'c', message: 'm' },
  },
  { ...meta(4), type: 'EntryOrderCancelRequested', data: { orderId: 'o-1' } },
  { ...meta(5), type: 'ExitOrderCancelRequested', data: { orderId: 'o-2', reason: 'risk-halt' } },
  { ...meta(6), type: 'RiskHaltReceived', data: { haltId: 'h-1', detail: 'loss limit' } },
  { ...meta(7), type: 'PositionPaused', data: issued },
  { ...meta(8), type: 'PositionResumed', data: { ...issued, reason: 'back' } },
  { ...meta(9), type: 'CloseRequested', data: issued },
  { ...meta(10), type: 'CloseRetried', data: issued },
  { ...meta(11), type: 'ErrorDismissed', data: issued },
];

/** io-ts's verdict and the compiled checks' agree: both refuse, or both give the same value. */
function agrees(input: unknown): void {
  const expected = PositionEvent.decode(input);
  const fast = compiledCheckOf(PositionEvent)(input);
  if (expected._tag === 'Left')
    ok(isRefused(fast), 'the compiled checks accept what io-ts refuses');
  else {
    ok(!isRefused(fast), 'the compiled checks refuse what io-ts accepts');
    deepStrictEqual(fast, expected.right);
  }
}

describe('position event decoder (compiled from the codec)', () => {
  it('accepts every event type as io-ts does, with the same decoded value', () => {
    for (const sample of SAMPLES) agrees(sample);
    strictEqual(new Set(SAMPLES.map((s) => s['type'])).size, PositionEvent.types.length);
  });

  it('accepts and refuses exactly what the io-ts codec does, for tampered envelopes', () => {
    fc.assert(fc.property(tamperedCopies(SAMPLES), agrees), { numRuns: 5_000 });
  });

  it('refuses anything else as io-ts does', () => {
    fc.assert(fc.property(fc.anything(), agrees), { numRuns: 1_000 });
  });

  it('gives a refused row io-ts’s own failure and reasons', () => {
    const row = recorded(cleanLife('p-2'))[2]!;
    const bad = { ...row, data: { ...(row.data as object), fee: '-1' } };
    const fast = decodePositionEvent(bad);
    const slow = decodeWith(PositionEvent, storedEnvelope(bad));
    strictEqual(fast._tag, 'Left');
    strictEqual(slow._tag, 'Left');
    if (fast._tag === 'Left' && slow._tag === 'Left')
      strictEqual(fast.left.message, slow.left.message);
  });
});
