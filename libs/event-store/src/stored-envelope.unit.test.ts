import { deepStrictEqual, throws } from 'node:assert/strict';
import { InMemoryEventStore } from './in-memory/in-memory-event-store.js';
import { decodeStoredEvent, newEventOf, type StoredEnvelope } from './stored-envelope.js';

const envelope = {
  id: 'evt-1',
  type: 'Counted',
  occurredAt: '2026-11-24T00:00:00.000Z',
  causationId: 'cmd-1',
  correlationId: 'corr-1',
  data: { n: 7 },
};
/** A codec whose encoded form differs from the value, to see that `data` is the encoded one. */
const encode = (e: typeof envelope) => ({ ...e, data: { n: String(e.data.n) } });
const decode = (s: StoredEnvelope) =>
  typeof (s.data as { n?: unknown }).n === 'string'
    ? { _tag: 'Right' as const, right: { ...s, data: { n: Number((s.data as { n: string }).n) } } }
    : { _tag: 'Left' as const, left: { message: 'n is not a string' } };

describe('stored envelopes', () => {
  it('newEventOf stores the encoded data and the envelope as metadata; decodeStoredEvent reads it back', async () => {
    const store = new InMemoryEventStore();
    await store.append('s-1', [newEventOf(encode, envelope)], { expectedVersion: 'no-stream' });
    const [row] = await store.readStream('s-1');
    deepStrictEqual(row?.data, { n: '7' });
    deepStrictEqual(decodeStoredEvent(decode, row), envelope);
  });

  it('a stored event that no longer decodes throws, naming the stream and version', async () => {
    const store = new InMemoryEventStore();
    await store.append('s-2', [{ ...newEventOf(encode, envelope), data: { n: 7 } }], {
      expectedVersion: 'no-stream',
    });
    const [row] = await store.readStream('s-2');
    throws(() => decodeStoredEvent(decode, row!), /s-2@1 does not decode: n is not a string/);
  });
});
