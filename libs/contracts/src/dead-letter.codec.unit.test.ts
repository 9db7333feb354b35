import { deepEqual, equal } from 'node:assert/strict';
import { decodeOrThrow } from '@hoga/model';
import { failingPaths, meta, withData } from './testing/codec.js';
import { opsTelemetrySamples } from './testing/samples.js';
import { wrap } from './envelope.js';
import { DEAD_LETTER_MAX_PAYLOAD, DeadLetter, deadLetterData } from './dead-letter.codec.js';

const at = '2026-11-23T10:00:00.000Z';

describe('DeadLetter', () => {
  it('cuts a large payload to the bound, recording its full length', () => {
    const payload = '{"x":"' + 'y'.repeat(20_000) + '"}';
    const data = deadLetterData({
      subject: 'hoga.md.tick.KRW-BTC',
      cause: 'undecodable',
      reason: 'invalid Tick: data.price: expected Price, got "-1"',
      payload,
      receivedAt: at,
    });
    equal(data.payload.length, DEAD_LETTER_MAX_PAYLOAD);
    equal(data.payloadLength, payload.length);
    equal(data.deliveryCount, null);
    const letter = decodeOrThrow(DeadLetter, wrap('DeadLetter', data, meta));
    deepEqual(letter.data, data);
  });
  it('keeps the delivery count of a message a consumer gave up on', () => {
    const data = deadLetterData({
      subject: 'hoga.order.cmd',
      cause: 'max-deliveries',
      reason: 'handler failed 5 times',
      payload: '{}',
      receivedAt: at,
      deliveryCount: 5,
    });
    equal(data.deliveryCount, 5);
  });
  it('refuses a payload over the bound and an unknown cause', () => {
    const { deadLetter } = opsTelemetrySamples;
    const payload = 'x'.repeat(DEAD_LETTER_MAX_PAYLOAD + 1);
    deepEqual(failingPaths(DeadLetter, withData(deadLetter, { payload })), ['data.payload']);
    deepEqual(failingPaths(DeadLetter, withData(deadLetter, { cause: 'oops' })), ['data.cause']);
  });
});
