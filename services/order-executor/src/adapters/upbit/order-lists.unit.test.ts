import { deepEqual } from 'node:assert/strict';
import type { UpbitClient } from '@hoga/upbit';
import { OrderLists } from './order-lists.js';

type Query = Record<string, unknown>;
interface Listed {
  uuid: string;
  identifier: string | null;
  created_at: string;
}

/** A client whose lists answer from arrays (closed: by start_time, oldest first). */
function fakeClient(open: Listed[], closed: Listed[], fail?: 'open' | 'closed') {
  const calls: { list: string; query: Query }[] = [];
  const client = {
    orders: {
      open: (q: Query) => {
        calls.push({ list: 'open', query: q });
        if (fail === 'open') return Promise.reject(new Error('HTTP 503'));
        const page = q['page'] as number;
        const limit = q['limit'] as number;
        return Promise.resolve(open.slice((page - 1) * limit, page * limit));
      },
      closed: (q: Query) => {
        calls.push({ list: 'closed', query: q });
        if (fail === 'closed') return Promise.reject(new Error('HTTP 429'));
        const start = (q['start_time'] as Date).getTime();
        return Promise.resolve(
          closed
            .filter((o) => new Date(o.created_at).getTime() >= start)
            .slice(0, q['limit'] as number),
        );
      },
    },
  };
  return { lists: new OrderLists(client as unknown as UpbitClient), calls };
}

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 0, 0, s)).toISOString();
const orders = (n: number, prefix: string, second = (i: number) => i) =>
  Array.from({ length: n }, (_, i) => ({
    uuid: `${prefix}-${i}`,
    identifier: `${prefix}-id-${i}`,
    created_at: at(second(i)),
  }));
const window = { start: new Date(at(0)), end: new Date(at(5000)) };

describe('OrderLists', () => {
  it('finds an identifier on a later page of the open list', async () => {
    const { lists, calls } = fakeClient(orders(250, 'o'), []);
    deepEqual(await lists.views('o-id-230', 'KRW-BTC', window), {
      open: { kind: 'found', uuid: 'o-230' },
      closed: { kind: 'unreadable', why: 'not read' },
    });
    deepEqual(
      calls.map((c) => c.query['page']),
      [1, 2, 3],
    );
  });

  it('walks the closed list by start time past full pages', async () => {
    const { lists, calls } = fakeClient([], orders(2500, 'c'));
    deepEqual(await lists.closed('c-id-2400', 'KRW-BTC', window), {
      kind: 'found',
      uuid: 'c-2400',
    });
    deepEqual(calls.length, 3);
  });

  it('is absent only after reading both lists to their ends', async () => {
    const { lists } = fakeClient(orders(100, 'o'), orders(1000, 'c'));
    deepEqual(await lists.views('elsewhere', 'KRW-BTC', window), {
      open: { kind: 'absent' },
      closed: { kind: 'absent' },
    });
  });

  it('a failing list is unreadable, never absent', async () => {
    deepEqual(await fakeClient([], [], 'open').lists.open('x', 'KRW-BTC'), {
      kind: 'unreadable',
      why: 'Error: HTTP 503',
    });
    deepEqual(await fakeClient([], [], 'closed').lists.closed('x', 'KRW-BTC', window), {
      kind: 'unreadable',
      why: 'Error: HTTP 429',
    });
  });

  it('a full page of closed orders within one second cannot be paged: unreadable', async () => {
    const { lists } = fakeClient(
      [],
      orders(1000, 'c', () => 0),
    );
    deepEqual((await lists.closed('x', 'KRW-BTC', window)).kind, 'unreadable');
  });

  it('a window longer than Upbit lists leaves the closed view unreadable', async () => {
    const { lists } = fakeClient([], []);
    deepEqual((await lists.views('x', 'KRW-BTC', null)).closed.kind, 'unreadable');
  });
});
