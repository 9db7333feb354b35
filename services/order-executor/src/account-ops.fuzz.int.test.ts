import { deepEqual, equal, ok } from 'node:assert/strict';
import * as t from 'io-ts';
import fc from 'fast-check';
import { rpcRoute, subjects } from '@hoga/contracts';
import { eventually } from '@hoga/testkit';
import { AccountWatchProbe } from './testing/account-watch.js';
import { Harness } from './testing/harness.js';

/** Any JSON body, sent as is (no request codec on the way out: the server's is under test). */
const raw = (verb: 'account' | 'ack') =>
  rpcRoute(subjects.ops('order-executor', verb).subject, t.unknown, t.unknown);

const CODES = new Set(['bad-request', 'not-found', 'conflict', 'denied', 'unavailable']);

/** Envelopes close to valid, with every field possibly wrong, and anything at all. */
const body = (type: string) =>
  fc.oneof(
    fc.jsonValue(),
    fc.record({
      id: fc.oneof(fc.string(), fc.uuid(), fc.integer()),
      type: fc.constantFrom(type, 'GetAccountStatus', 'AcknowledgeFinding', ''),
      occurredAt: fc.oneof(fc.constant(new Date().toISOString()), fc.string()),
      causationId: fc.oneof(fc.constant(null), fc.string()),
      correlationId: fc.oneof(fc.uuid(), fc.string()),
      data: fc.oneof(
        fc.jsonValue(),
        fc.record({
          includeAcknowledged: fc.oneof(fc.boolean(), fc.jsonValue()),
          findingId: fc.oneof(fc.string(), fc.constant('foreign-order:nope'), fc.integer()),
          commandId: fc.oneof(fc.uuid(), fc.string()),
          issuedBy: fc.oneof(fc.string(), fc.constant('cli:fuzz')),
          reason: fc.oneof(fc.constant(null), fc.string(), fc.constant('   ')),
        }),
      ),
    }),
  );

describe('order-executor: the account ops endpoints under random bodies (fast-check, NATS)', () => {
  let h: Harness;
  let probe: AccountWatchProbe;
  before(async () => {
    h = await Harness.open('nats');
    await h.setTradingState('ACTIVE');
    probe = await AccountWatchProbe.open(h);
    await h.startExecutor({ accountWatch: { intervalMs: 3_600_000 } });
    await probe.other.orders.place({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '90000000',
      volume: '0.001',
    });
    await eventually(async () => {
      const s = await probe.status();
      ok(s.ok);
      equal(s.openFindings, 1);
    });
  });
  after(async () => {
    await probe.close();
    await h.dispose();
  });

  for (const verb of ['account', 'ack'] as const)
    it(`${verb}: every reply is ok or a typed failure, and nothing changes`, async () => {
      const before = await probe.events();
      const statusBefore = await probe.status(true);
      await fc.assert(
        fc.asyncProperty(
          body(verb === 'ack' ? 'AcknowledgeFinding' : 'GetAccountStatus'),
          async (b) => {
            const reply = (await h.bus.request(raw(verb), b, { timeoutMs: 5_000 })) as {
              ok: unknown;
              error?: { code: string; message: string };
            };
            if (reply.ok === true) {
              equal(
                verb,
                'account',
                'only a status may succeed: no generated ack names the finding',
              );
              return;
            }
            equal(reply.ok, false);
            ok(reply.error && CODES.has(reply.error.code), JSON.stringify(reply));
            ok(reply.error.message.length <= 1000);
          },
        ),
        { numRuns: 200 },
      );
      deepEqual(await probe.events(), before, 'no event recorded');
      deepEqual(await probe.status(true), statusBefore, 'the findings are as they were');
    });
});
