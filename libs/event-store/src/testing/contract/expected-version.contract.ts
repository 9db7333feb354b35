import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import type { ExpectedVersion } from '../../event-store.port.js';
import {
  VersionConflictError,
  isVersionConflictError,
} from '../../errors/version-conflict.error.js';
import type { StoreAccess } from './fixtures.js';
import { numbered, streamId } from './fixtures.js';

/** Asserts that `append` is refused with a `VersionConflictError` carrying these fields. */
async function conflicts(
  append: Promise<unknown>,
  expected: { streamId: string; expected: ExpectedVersion; actual: number },
): Promise<void> {
  await rejects(append, (error: unknown) => {
    ok(isVersionConflictError(error), `expected a VersionConflictError, got ${String(error)}`);
    ok(error instanceof Error);
    strictEqual(error.name, 'VersionConflictError');
    deepStrictEqual(
      { streamId: error.streamId, expected: error.expected, actual: error.actual },
      expected,
    );
    return true;
  });
}

/** Optimistic concurrency: the expected version decides, exactly one of racing writers wins. */
export function expectedVersionContract(store: StoreAccess): void {
  it('no-stream creates a stream and refuses an existing one', async () => {
    const id = streamId('no-stream');
    await store().append(id, numbered('Counted', 1), { expectedVersion: 'no-stream' });
    await conflicts(store().append(id, numbered('Counted', 1), { expectedVersion: 'no-stream' }), {
      streamId: id,
      expected: 'no-stream',
      actual: 1,
    });
    strictEqual(await store().streamVersion(id), 1);
  });

  it('a number must equal the current version, 0 meaning no stream', async () => {
    const id = streamId('number');
    await conflicts(store().append(id, numbered('Counted', 1), { expectedVersion: 5 }), {
      streamId: id,
      expected: 5,
      actual: 0,
    });
    await store().append(id, numbered('Counted', 2), { expectedVersion: 0 });
    await conflicts(store().append(id, numbered('Counted', 1), { expectedVersion: 1 }), {
      streamId: id,
      expected: 1,
      actual: 2,
    });
    await conflicts(store().append(id, numbered('Counted', 1), { expectedVersion: 3 }), {
      streamId: id,
      expected: 3,
      actual: 2,
    });
    await conflicts(store().append(id, numbered('Counted', 1), { expectedVersion: 0 }), {
      streamId: id,
      expected: 0,
      actual: 2,
    });
    strictEqual(
      (await store().append(id, numbered('Counted', 1), { expectedVersion: 2 })).nextVersion,
      3,
    );
    deepStrictEqual(
      (await store().readStream(id)).map((e) => e.streamVersion),
      [1, 2, 3],
    );
  });

  it('any appends to a new or an existing stream', async () => {
    const id = streamId('any');
    strictEqual(
      (await store().append(id, numbered('Counted', 2), { expectedVersion: 'any' })).nextVersion,
      2,
    );
    strictEqual(
      (await store().append(id, numbered('Counted', 1), { expectedVersion: 'any' })).nextVersion,
      3,
    );
  });

  it('refuses an expected version that is not a version', async () => {
    const id = streamId('bad');
    await rejects(store().append(id, numbered('Counted', 1), { expectedVersion: -2 }), RangeError);
    await rejects(store().append(id, numbered('Counted', 1), { expectedVersion: 1.5 }), RangeError);
  });

  it('of concurrent appends expecting the same version exactly one wins', async () => {
    const id = streamId('race');
    await store().append(id, numbered('Counted', 1), { expectedVersion: 'no-stream' });
    const attempts = Array.from({ length: 8 }, (_, writer) => numbered(`Writer${writer}`, 2));
    const results = await Promise.allSettled(
      attempts.map((events) => store().append(id, events, { expectedVersion: 1 })),
    );
    const won = results.flatMap((r, writer) => (r.status === 'fulfilled' ? [writer] : []));
    strictEqual(won.length, 1);
    for (const r of results)
      if (r.status === 'rejected')
        ok(isVersionConflictError(r.reason) && r.reason.actual === 3, String(r.reason));
    const read = await store().readStream(id);
    deepStrictEqual(
      read.map((e) => [e.streamVersion, e.type]),
      [
        [1, 'Counted'],
        [2, `Writer${won[0]}`],
        [3, `Writer${won[0]}`],
      ],
    );
  });

  it('concurrent appends with any keep versions gapless and each append contiguous', async () => {
    const id = streamId('any-race');
    await Promise.all(
      Array.from({ length: 8 }, (_, writer) =>
        store().append(id, numbered(`Writer${writer}`, 3), { expectedVersion: 'any' }),
      ),
    );
    const read = await store().readStream(id);
    deepStrictEqual(
      read.map((e) => e.streamVersion),
      Array.from({ length: 24 }, (_, i) => i + 1),
    );
    for (let i = 0; i < 24; i += 3)
      strictEqual(new Set(read.slice(i, i + 3).map((e) => e.type)).size, 1);
  });

  it('versions stay gapless and an append is refused exactly when its expectation is wrong (model)', async () => {
    const command = fc.record({
      stream: fc.integer({ min: 0, max: 2 }),
      count: fc.integer({ min: 1, max: 3 }),
      expectation: fc.oneof(
        fc.constant('any' as const),
        fc.constant('no-stream' as const),
        fc.constant('current' as const),
        fc.integer({ min: -2, max: 2 }),
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 12 }), async (commands) => {
        const ids = [streamId('model-0'), streamId('model-1'), streamId('model-2')];
        const model = [0, 0, 0];
        for (const c of commands) {
          const id = ids[c.stream]!;
          const current = model[c.stream]!;
          const expected: ExpectedVersion =
            c.expectation === 'current'
              ? current
              : typeof c.expectation === 'number'
                ? Math.max(0, current + c.expectation)
                : c.expectation;
          const accepted =
            expected === 'any' || (expected === 'no-stream' ? current === 0 : expected === current);
          const append = store().append(id, numbered('Modelled', c.count), {
            expectedVersion: expected,
          });
          if (accepted) {
            strictEqual((await append).nextVersion, current + c.count);
            model[c.stream] = current + c.count;
          } else {
            await conflicts(append, { streamId: id, expected, actual: current });
          }
        }
        for (const [i, id] of ids.entries()) {
          deepStrictEqual(
            (await store().readStream(id)).map((e) => e.streamVersion),
            Array.from({ length: model[i]! }, (_, v) => v + 1),
          );
        }
      }),
      { numRuns: 25 },
    );
  });

  it('a VersionConflictError is a named Error subclass', () => {
    const error = new VersionConflictError('s', 2, 3);
    ok(
      error instanceof Error &&
        isVersionConflictError(error) &&
        !isVersionConflictError(new Error('other')),
    );
    strictEqual(error.message, 'stream "s": expected version 2, actual 3');
  });
}
