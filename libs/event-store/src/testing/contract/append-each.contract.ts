import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import type { AppendResult, NewOutboxMessage } from '../../event-store.port.js';
import { DuplicateOutboxIdError } from '../../errors/duplicate-outbox-id.error.js';
import { VersionConflictError } from '../../errors/version-conflict.error.js';
import { chainLink, contentHash, verifyChain } from '../../hash-chain.js';
import type { StoreAccess } from './fixtures.js';
import { eventIds, newEvent, newEventIds, numbered, streamId } from './fixtures.js';

const row = (id: string, n: number): NewOutboxMessage => ({
  id,
  subject: 'hoga.test.each',
  payload: { n },
});

const isResult = (r: AppendResult | VersionConflictError): r is AppendResult =>
  !(r instanceof VersionConflictError);

/** `appendEach`: one event to each of several streams, each item its own append. */
export function appendEachContract(store: StoreAccess): void {
  /** `n` streams with `versions[i]` events each. */
  async function streams(versions: readonly number[]): Promise<string[]> {
    const ids = versions.map((_, i) => streamId(`each-${i}`));
    for (const [i, v] of versions.entries())
      await store().append(ids[i]!, numbered('Opened', v), { expectedVersion: 'no-stream' });
    return ids;
  }

  it('appends one event to each stream, with its outbox rows, readable in item order', async () => {
    const ids = await streams([1, 3, 2]);
    const events = ids.map((_, i) => newEvent('Raised', { i }));
    const results = await store().appendEach!(
      ids.map((id, i) => ({
        streamId: id,
        event: events[i]!,
        expectedVersion: [1, 3, 2][i]!,
        outbox: i === 1 ? [row(`o-${id}-a`, 1), row(`o-${id}-b`, 2)] : [row(`o-${id}`, 0)],
      })),
    );
    deepStrictEqual(
      results.map((r) => (isResult(r) ? r.nextVersion : 'conflict')),
      [2, 4, 3],
    );
    const positions = results.filter(isResult).map((r) => r.lastGlobalPosition);
    ok(positions[0]! < positions[1]! && positions[1]! < positions[2]!, 'positions in item order');
    for (const [i, id] of ids.entries()) {
      const read = await store().readStream(id);
      deepStrictEqual(eventIds(read).at(-1), newEventIds([events[i]!])[0]);
      strictEqual(read.at(-1)!.globalPosition, positions[i]);
    }
    deepStrictEqual(
      (await store().pendingOutbox(10)).map((m) => [m.id, m.payload]),
      [
        [`o-${ids[0]}`, { n: 0 }],
        [`o-${ids[1]}-a`, { n: 1 }],
        [`o-${ids[1]}-b`, { n: 2 }],
        [`o-${ids[2]}`, { n: 0 }],
      ],
    );
  });

  it('refuses a stale item alone: its stream is untouched, the others are written', async () => {
    const ids = await streams([2, 2, 2]);
    const results = await store().appendEach!(
      ids.map((id, i) => ({
        streamId: id,
        event: newEvent('Raised', { i }),
        expectedVersion: i === 1 ? 1 : 2,
        outbox: [row(`o-${id}`, i)],
      })),
    );
    ok(isResult(results[0]!) && isResult(results[2]!));
    const conflict = results[1];
    ok(conflict instanceof VersionConflictError);
    strictEqual(conflict.streamId, ids[1]);
    strictEqual(conflict.actual, 2);
    deepStrictEqual(await Promise.all(ids.map((id) => store().streamVersion(id))), [3, 2, 3]);
    deepStrictEqual(
      (await store().pendingOutbox(10)).map((m) => m.id),
      [`o-${ids[0]}`, `o-${ids[2]}`],
    );
  });

  it('moves each stream’s hash chain on as a single append would', async () => {
    const ids = await streams([1, 2]);
    const events = [newEvent('Raised', { a: '한글 "q"' }), newEvent('Raised', { z: 1, b: [2] })];
    await store().appendEach!(
      ids.map((id, i) => ({ streamId: id, event: events[i]!, expectedVersion: i + 1 })),
    );
    for (const [i, id] of ids.entries()) {
      const read = await store().readStream(id);
      deepStrictEqual(verifyChain(read).ok, true);
      strictEqual(
        read.at(-1)!.hash,
        chainLink(read.at(-2)!.hash ?? null, contentHash({ streamId: id, ...events[i]! })),
      );
    }
  });

  it('writes nothing when an outbox id is already used, and refuses bad input before writing', async () => {
    const ids = await streams([1, 1]);
    await store().append(ids[0]!, [newEvent('Other')], {
      expectedVersion: 1,
      outbox: [row('taken', 0)],
    });
    await rejects(
      store().appendEach!([
        { streamId: ids[0]!, event: newEvent('Raised'), expectedVersion: 2 },
        {
          streamId: ids[1]!,
          event: newEvent('Raised'),
          expectedVersion: 1,
          outbox: [row('taken', 1)],
        },
      ]),
      DuplicateOutboxIdError,
    );
    deepStrictEqual(await Promise.all(ids.map((id) => store().streamVersion(id))), [2, 1]);
    await rejects(
      store().appendEach!(
        ids.map((id, i) => ({
          streamId: id,
          event: newEvent('Raised'),
          expectedVersion: i + 1,
          outbox: [row('twice', i)],
        })),
      ),
      DuplicateOutboxIdError,
      'an outbox id twice among the items',
    );
    deepStrictEqual(await Promise.all(ids.map((id) => store().streamVersion(id))), [2, 1]);
    const one = { streamId: ids[1]!, event: newEvent('Raised'), expectedVersion: 1 };
    await rejects(store().appendEach!([one, one]), RangeError);
    await rejects(store().appendEach!([{ ...one, expectedVersion: 0 }]), RangeError);
    deepStrictEqual(await store().appendEach!([]), []);
    strictEqual(await store().streamVersion(ids[1]!), 1);
  });

  it('keeps every stream whole when items race single appends of the same streams', async () => {
    const ids = await streams([1, 1, 1, 1]);
    const results = await Promise.all([
      store().appendEach!(
        ids.map((id) => ({ streamId: id, event: newEvent('Each'), expectedVersion: 1 })),
      ),
      ...ids.map((id) =>
        store()
          .append(id, numbered('Single', 1), { expectedVersion: 1 })
          .catch((e: unknown) => e),
      ),
    ]);
    const [each, ...singles] = results;
    for (const [i, id] of ids.entries()) {
      // exactly one of the two appends at version 1 won, and the stream reads 1..2, chained
      const won =
        (isResult(each[i]!) ? 1 : 0) + (singles[i] instanceof VersionConflictError ? 0 : 1);
      strictEqual(won, 1, `stream ${i}`);
      const read = await store().readStream(id);
      deepStrictEqual(
        read.map((e) => e.streamVersion),
        [1, 2],
      );
      strictEqual(verifyChain(read).ok, true);
    }
  });
}
