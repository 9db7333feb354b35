import { deepEqual, equal, ok } from 'node:assert/strict';
import type { RunningEmulator } from '@hoga/upbit-emulator';
import { UpbitDecodeError } from '../errors/upbit.errors.js';
import {
  isBlocked,
  isDuplicateIdentifier,
  isOrderNotFound,
  isOutcomeUnknown,
  isRateLimited,
} from '../errors/upbit.guards.js';
import { clientFor, startTestEmulator } from '../testing/emulator-harness.js';
import { eventually } from '../testing/local-ws-server.js';

const fail = (p: Promise<unknown>): Promise<unknown> =>
  p.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
const fast = {
  retryBackoff: { initialMs: 1, maxMs: 5 },
  rateLimits: { backoff: { initialMs: 5, maxMs: 20 } },
};
const marketBuy = (identifier: string) =>
  ({ market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000', identifier }) as const;

describe('conformance: faults and outcome-unknown recovery against the emulator', () => {
  let emulator: RunningEmulator;
  beforeEach(async () => {
    emulator = await startTestEmulator();
  });
  afterEach(() => emulator.close());

  it('a dropped answer to an order POST is outcome unknown; the lookup by identifier finds the order', async () => {
    const client = clientFor(emulator, fast);
    emulator.admin.setFaults({ dropNextOrderResponses: 1 });
    const e = await fail(client.orders.place(marketBuy('ou-drop-1')));
    ok(isOutcomeUnknown(e) && e.identifier === 'ou-drop-1', String(e));
    const found = await client.orders.get({ identifier: 'ou-drop-1' });
    ok(found.executed_volume.gt(0));
    ok(isDuplicateIdentifier(await fail(client.orders.place(marketBuy('ou-drop-1')))));
    equal(emulator.admin.orders({ identifier: 'ou-drop-1' }).length, 1);
  });

  it('a 5xx after processing is outcome unknown and the order exists; a 5xx before it, and it does not', async () => {
    const client = clientFor(emulator, fast);
    emulator.admin.setFaults({ fail5xxNext: 1, fail5xxAfterProcessing: true, fail5xxStatus: 502 });
    ok(isOutcomeUnknown(await fail(client.orders.place(marketBuy('ou-5xx-after')))));
    equal((await client.orders.get({ identifier: 'ou-5xx-after' })).identifier, 'ou-5xx-after');
    emulator.admin.setFaults({ fail5xxNext: 1, fail5xxAfterProcessing: false, fail5xxStatus: 500 });
    ok(isOutcomeUnknown(await fail(client.orders.place(marketBuy('ou-5xx-before')))));
    ok(isOrderNotFound(await fail(client.orders.get({ identifier: 'ou-5xx-before' }))));
  });

  it('a POST that times out is outcome unknown, and the lookup by identifier agrees with the exchange', async () => {
    const client = clientFor(emulator, { ...fast, timeoutMs: 100 });
    emulator.admin.setFaults({ latencyMs: 300 });
    const e = await fail(client.orders.place(marketBuy('ou-timeout-1')));
    ok(isOutcomeUnknown(e) && e.reason === 'timed out' && e.identifier === 'ou-timeout-1');
    await new Promise((r) => setTimeout(r, 400));
    emulator.admin.setFaults({ latencyMs: 0 });
    const found = await client.orders.get({ identifier: 'ou-timeout-1' }).then(
      () => true,
      (err: unknown) => (isOrderNotFound(err) ? false : Promise.reject(err as Error)),
    );
    equal(found, emulator.admin.orders({ identifier: 'ou-timeout-1' }).length === 1);
  });

  it('GETs ride through 5xx answers', async () => {
    const client = clientFor(emulator, fast);
    emulator.admin.setFaults({ fail5xxNext: 2, fail5xxScope: 'all', fail5xxStatus: 503 });
    equal((await client.account.balances()).length, 2);
  });

  it('retries a 429 burst (plain-text or JSON bodies) and reports each', async () => {
    const limited: string[] = [];
    const client = clientFor(emulator, { ...fast, onRateLimited: (r) => limited.push(r.group) });
    emulator.admin.setFaults({ burst429: 2 });
    equal((await client.orders.place(marketBuy('burst-1'))).identifier, 'burst-1');
    deepEqual(limited, ['order', 'order']);
    emulator.admin.setFaults({ burst429: 5 });
    ok(
      isRateLimited(
        await fail(clientFor(emulator, { ...fast, maxRetries: 2 }).quotation.markets()),
      ),
    );
  });

  it('paces itself under the real limits: 45 account requests at once, no 429', async () => {
    const limited: string[] = [];
    const client = clientFor(emulator, { onRateLimited: (r) => limited.push(r.group) });
    const all = await Promise.all(
      Array.from({ length: 45 }, () => client.orders.open({ market: 'KRW-BTC' })),
    );
    equal(all.length, 45);
    deepEqual(limited, []);
  });

  it('on a 418 block: alerts, sends nothing until the block ends, then carries on', async () => {
    emulator.admin.setRateLimits({
      blockAfterViolations: 2,
      blockBaseMs: 1500,
      groups: { default: { limit: 2, windowMs: 1000 } },
    });
    // Other, careless clients of the same key earn it a block.
    const careless = () => clientFor(emulator, { maxRetries: 0 }).account.balances();
    await Promise.all(Array.from({ length: 6 }, () => fail(careless())));
    const sentAt: number[] = [];
    const counting: typeof fetch = (input, init) => (sentAt.push(Date.now()), fetch(input, init));
    const blocked: Date[] = [];
    const client = clientFor(emulator, {
      maxRetries: 1,
      fetch: counting,
      onBlocked: (b) => blocked.push(b.until),
    });
    const first = client.account.balances();
    await eventually(() => blocked.length === 1, 'onBlocked');
    const second = client.orders.open();
    await new Promise((r) => setTimeout(r, 100));
    equal(sentAt.length, 1, 'sent during the block');
    equal((await first).length, 2);
    deepEqual(await second, []);
    ok(sentAt.slice(1).every((t) => t >= blocked[0]!.getTime()));
    equal(blocked.length, 1);
  });

  it('gives up with UpbitBlockedError when told not to wait', async () => {
    emulator.admin.setRateLimits({
      blockAfterViolations: 1,
      blockBaseMs: 60_000,
      groups: { default: { limit: 1, windowMs: 1000 } },
    });
    await Promise.all(
      Array.from({ length: 3 }, () =>
        fail(clientFor(emulator, { maxRetries: 0 }).account.balances()),
      ),
    );
    const e = await fail(clientFor(emulator, { maxRetries: 0 }).account.balances());
    ok(isBlocked(e) && e.until.getTime() > Date.now() + 30_000, String(e));
  });

  it('an unreadable 201 would be outcome unknown, never a plain decode error', async () => {
    const client = clientFor(emulator, {
      fetch: async (i, init) =>
        new Response('{"uuid":', { status: 201, headers: (await fetch(i, init)).headers }),
    });
    const e = await fail(client.orders.place(marketBuy('unreadable-1')));
    ok(isOutcomeUnknown(e) && e.cause instanceof UpbitDecodeError);
    equal(
      (await clientFor(emulator).orders.get({ identifier: 'unreadable-1' })).identifier,
      'unreadable-1',
    );
  });
});
