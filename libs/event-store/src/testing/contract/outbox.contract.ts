import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import type { NewOutboxMessage } from '../../event-store.port.js';
import { isDuplicateOutboxIdError } from '../../errors/duplicate-outbox-id.error.js';
import { isVersionConflictError } from '../../errors/version-conflict.error.js';
import type { StoreAccess } from './fixtures.js';
import { numbered, streamId } from './fixtures.js';

const message = (
  id: string,
  payload: unknown = { orderId: id },
  headers?: Record<string, string>,
): NewOutboxMessage => ({
  id,
  subject: 'test.outbox.cmd',
  payload,
  ...(headers ? { headers } : {}),
});

/** The outbox: rows written atomically with events, then published and marked. */
export function outboxContract(store: StoreAccess): void {
  it('commits outbox rows with the events and lists them oldest first', async () => {
    const id = streamId('outbox');
    await store().append(id, numbered('OrderRequested', 1), {
      expectedVersion: 'no-stream',
      outbox: [
        message('o-1', { side: 'bid', price: '1000' }, { traceparent: '00-a-b-01' }),
        message('o-2'),
      ],
    });
    await store().append(streamId('other'), numbered('OrderRequested', 1), {
      expectedVersion: 'any',
      outbox: [message('o-3')],
    });
    const pending = await store().pendingOutbox(10);
    deepStrictEqual(
      pending.map((m) => [m.id, m.subject, m.payload, m.headers, m.attempts, m.lastError]),
      [
        [
          'o-1',
          'test.outbox.cmd',
          { side: 'bid', price: '1000' },
          { traceparent: '00-a-b-01' },
          0,
          null,
        ],
        ['o-2', 'test.outbox.cmd', { orderId: 'o-2' }, {}, 0, null],
        ['o-3', 'test.outbox.cmd', { orderId: 'o-3' }, {}, 0, null],
      ],
    );
    ok(pending.every((m) => m.createdAt instanceof Date));
    deepStrictEqual(
      (await store().pendingOutbox(2)).map((m) => m.id),
      ['o-1', 'o-2'],
    );
  });

  it('a refused append leaves no outbox row and no event', async () => {
    const id = streamId('refused');
    await store().append(id, numbered('Counted', 1), {
      expectedVersion: 'no-stream',
      outbox: [message('kept')],
    });
    await rejects(
      store().append(id, numbered('Counted', 1), {
        expectedVersion: 'no-stream',
        outbox: [message('lost-1')],
      }),
      isVersionConflictError,
    );
    await rejects(
      store().append(id, numbered('Counted', 1), {
        expectedVersion: 1,
        outbox: [message('lost-2'), message('kept')],
      }),
      isDuplicateOutboxIdError,
    );
    await rejects(
      store().append(id, numbered('Counted', 1), {
        expectedVersion: 1,
        outbox: [message('twice'), message('twice')],
      }),
      isDuplicateOutboxIdError,
    );
    deepStrictEqual(
      (await store().pendingOutbox(10)).map((m) => m.id),
      ['kept'],
    );
    strictEqual(await store().streamVersion(id), 1);
    strictEqual((await store().readStream(id)).length, 1);
  });

  it('marking sent removes rows from pending; a failure keeps a row pending and counts attempts', async () => {
    await store().append(streamId('mark'), numbered('Counted', 1), {
      expectedVersion: 'any',
      outbox: [message('m-1'), message('m-2'), message('m-3')],
    });
    await store().markOutboxSent(['m-1', 'm-3']);
    await store().recordOutboxFailure('m-2', 'NatsError: timeout');
    await store().recordOutboxFailure('m-2', 'NatsError: no responders');
    const pending = await store().pendingOutbox(10);
    deepStrictEqual(
      pending.map((m) => [m.id, m.attempts, m.lastError]),
      [['m-2', 2, 'NatsError: no responders']],
    );
    await store().markOutboxSent(['m-2']);
    await store().markOutboxSent([]);
    deepStrictEqual(await store().pendingOutbox(10), []);
  });
}
