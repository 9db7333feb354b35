import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { chainLink, contentHash, verifyChain } from '../../hash-chain.js';
import type { StoreAccess } from './fixtures.js';
import { newEvent, numbered, streamId } from './fixtures.js';

/** Every store chains each stream's events by a hash (ADR 0051). */
export function hashChainContract(store: StoreAccess): void {
  it('links every event to the one before it, across appends of every kind', async () => {
    const id = streamId('chain');
    const appended = [
      ...numbered('Counted', 2),
      newEvent('Named', {
        name: '한글 \u2028 "quoted"',
        z: 1,
        a: [1.5, null, { y: true, b: 'x' }],
      }),
      ...numbered('Counted', 3, 3),
    ];
    await store().append(id, appended.slice(0, 2), { expectedVersion: 'no-stream' });
    await store().append(id, appended.slice(2, 3), { expectedVersion: 2 });
    await store().append(id, appended.slice(3), { expectedVersion: 'any' });
    const read = await store().readStream(id);

    // Computed here from what was appended, independently of the store's own arithmetic.
    let head: string | null = null;
    const expected = appended.map((e) => {
      head = chainLink(head, contentHash({ streamId: id, ...e }));
      return head;
    });
    deepStrictEqual(
      read.map((e) => e.hash),
      expected,
    );
    deepStrictEqual(verifyChain(read), { ok: true, version: 6, head: expected[5] });
  });

  it('keeps one chain per stream when appends race', async () => {
    const id = streamId('raced');
    await Promise.all(
      Array.from({ length: 6 }, () =>
        store().append(id, numbered('Raced', 2), { expectedVersion: 'any' }),
      ),
    );
    const read = await store().readStream(id);
    strictEqual(read.length, 12);
    deepStrictEqual(verifyChain(read).ok, true);
  });

  it('chains each stream from its own start: the same events hash apart in two streams', async () => {
    const events = numbered('Counted', 1);
    const [a, b] = [streamId('a'), streamId('b')];
    await store().append(a, events, { expectedVersion: 'no-stream' });
    await store().append(b, events, { expectedVersion: 'no-stream' });
    const [ra, rb] = [await store().readStream(a), await store().readStream(b)];
    ok(ra[0]!.hash && rb[0]!.hash && ra[0]!.hash !== rb[0]!.hash);
    strictEqual(verifyChain(ra).ok && verifyChain(rb).ok, true);
  });
}
