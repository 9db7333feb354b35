import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import type { StoreAccess } from './fixtures.js';
import { newEvent, numbered, streamId } from './fixtures.js';

/** Appending and reading one stream. */
export function appendContract(store: StoreAccess): void {
  it('appends events with gapless versions from 1 and reads them back in order', async () => {
    const id = streamId('append');
    const first = numbered('Counted', 2);
    const second = [newEvent('Named', { name: 'third' })];
    const r1 = await store().append(id, first, { expectedVersion: 'no-stream' });
    const r2 = await store().append(id, second, { expectedVersion: 2 });
    const read = await store().readStream(id);
    deepStrictEqual(
      read.map((e) => [e.streamId, e.streamVersion, e.type, e.data]),
      [
        [id, 1, 'Counted', { n: 1 }],
        [id, 2, 'Counted', { n: 2 }],
        [id, 3, 'Named', { name: 'third' }],
      ],
    );
    deepStrictEqual(
      read.map((e) => e.metadata),
      [...first, ...second].map((e) => e.metadata),
    );
    strictEqual(r1.nextVersion, 2);
    strictEqual(r2.nextVersion, 3);
    strictEqual(r1.lastGlobalPosition, read[1]!.globalPosition);
    strictEqual(r2.lastGlobalPosition, read[2]!.globalPosition);
    ok(
      read[0]!.globalPosition < read[1]!.globalPosition &&
        read[1]!.globalPosition < read[2]!.globalPosition,
    );
    ok(read.every((e) => e.recordedAt instanceof Date && !Number.isNaN(e.recordedAt.getTime())));
    strictEqual(await store().streamVersion(id), 3);
  });

  it('reads a stream from a version; an unknown stream is empty at version 0', async () => {
    const id = streamId('from');
    await store().append(id, numbered('Counted', 4), { expectedVersion: 'no-stream' });
    deepStrictEqual(
      (await store().readStream(id, 3)).map((e) => e.streamVersion),
      [3, 4],
    );
    deepStrictEqual(await store().readStream(id, 5), []);
    deepStrictEqual(await store().readStream(streamId('unknown')), []);
    strictEqual(await store().streamVersion(streamId('unknown')), 0);
  });

  it('stores JSON as given and hands out copies', async () => {
    const id = streamId('json');
    const data = {
      price: '143250000',
      volume: '0.00012345',
      nested: { list: [1, 'two', null, true], empty: {} },
      text: '호가 "quoted" \\ back',
    };
    const event = newEvent('Priced', data);
    await store().append(id, [event], { expectedVersion: 'any' });
    data.nested.list.push('changed after append');
    const [read] = await store().readStream(id);
    deepStrictEqual(read!.data, {
      price: '143250000',
      volume: '0.00012345',
      nested: { list: [1, 'two', null, true], empty: {} },
      text: '호가 "quoted" \\ back',
    });
    (read!.data as { price: string }).price = 'changed after read';
    strictEqual(((await store().readStream(id))[0]!.data as { price: string }).price, '143250000');
  });

  it('keeps extra metadata keys beside the envelope fields', async () => {
    const id = streamId('meta');
    const event = newEvent('Traced', {});
    const traced = {
      ...event,
      metadata: {
        ...event.metadata,
        causationId: 'cmd-7',
        traceparent: '00-abc-def-01',
        issuedBy: 'operator',
      },
    };
    await store().append(id, [traced], { expectedVersion: 'any' });
    deepStrictEqual((await store().readStream(id))[0]!.metadata, traced.metadata);
  });

  it('refuses an append without events and writes nothing', async () => {
    const id = streamId('empty');
    await rejects(store().append(id, [], { expectedVersion: 'any' }), RangeError);
    strictEqual(await store().streamVersion(id), 0);
  });

  it('refuses reads with a version or limit that is not a positive integer', async () => {
    await rejects(store().readStream(streamId('x'), 0), RangeError);
    await rejects(
      store().readAll({ after: { transactionId: 0n, globalPosition: 0n }, limit: 0 }),
      RangeError,
    );
    await rejects(store().pendingOutbox(-1), RangeError);
  });

  it('gives each append one transaction id, greater than the previous append’s', async () => {
    const a = streamId('tx-a');
    const b = streamId('tx-b');
    await store().append(a, numbered('Counted', 3), { expectedVersion: 'any' });
    await store().append(b, numbered('Counted', 2), { expectedVersion: 'any' });
    const [ea, eb] = [await store().readStream(a), await store().readStream(b)];
    strictEqual(new Set(ea.map((e) => e.transactionId)).size, 1);
    strictEqual(new Set(eb.map((e) => e.transactionId)).size, 1);
    ok(ea[0]!.transactionId < eb[0]!.transactionId);
  });
}
