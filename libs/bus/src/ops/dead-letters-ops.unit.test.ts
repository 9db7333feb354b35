import { coreRoute, subjects, type RpcRoute } from '@hoga/contracts';
import { eventually } from '@hoga/testkit';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { createInProcessBroker, type InProcessBroker } from '../in-process/in-process-broker.js';
import { createInProcessBus } from '../in-process/in-process-bus.js';
import type { Bus } from '../bus.port.js';
import { recordingLogger } from '../testing/recording-logger.js';
import { opsRequest, requestOps } from './request-ops.js';
import { serveOps } from './serve-ops.js';
import type { OpsServer } from './ops-handlers.js';

const quiet = { warn: () => undefined };
const Strict = t.strict({ n: t.number });
/** The endpoint with its request codec erased: what `nats req` with any body does. */
const rawDeadLetters: RpcRoute<unknown, unknown> = {
  subject: subjects.ops('market-feed', 'deadletters').subject,
  request: t.unknown,
  reply: t.unknown,
};

describe('the deadletters endpoint of every ops service', () => {
  let broker: InProcessBroker;
  let feed: Bus;
  let client: Bus;
  let server: OpsServer;

  beforeEach(async () => {
    broker = createInProcessBroker();
    feed = createInProcessBus({ broker, name: 'market-feed', logger: quiet });
    client = createInProcessBus({ broker, name: 'hoga-cli', logger: quiet });
    const refuse = () => Promise.reject(new Error('not in this test'));
    server = await serveOps(
      feed,
      'market-feed',
      { history: refuse, watch: refuse, status: refuse },
      {
        logger: recordingLogger(),
      },
    );
    await feed.subscribe(coreRoute('test.in', Strict), () => undefined);
  });
  afterEach(async () => {
    await server.stop();
    await client.close();
    await feed.close();
    broker.close();
  });

  const list = async (data: { subject: string | null; limit: number; all: boolean }) => {
    const request = opsRequest('market-feed', 'deadletters', data);
    ok(E.isRight(request));
    return requestOps(client, 'market-feed', 'deadletters', request.right);
  };

  it('shows the letters this service kept, newest first, with a bounded preview', async () => {
    const huge = `{"n":"${'x'.repeat(400_000)}"}`;
    broker.publish('test.in', new TextEncoder().encode('{"n":"one"}'), {});
    broker.publish('test.in', new TextEncoder().encode(huge), {});
    const reply = await eventually(async () => {
      const r = await list({ subject: 'test.>', limit: 10, all: false });
      ok(r.ok && r.letters.length === 2);
      return r;
    });
    ok(reply.ok);
    strictEqual(reply.service, 'market-feed');
    strictEqual(reply.count, 2);
    const [newest, oldest] = reply.letters;
    strictEqual(newest!.subject, 'test.in');
    strictEqual(newest!.reason, 'undecodable');
    strictEqual(newest!.by, 'market-feed');
    strictEqual(newest!.payloadBytes, huge.length);
    ok(newest!.preview.length <= 600 && newest!.preview.endsWith(`of ${huge.length} bytes]`));
    ok(newest!.error.length <= 1000);
    strictEqual(oldest!.preview, '{"n":"one"}');
    ok(newest!.sequence > oldest!.sequence);
    // Another service's view of its own letters is empty; `all` shows everyone's.
    const mine = await requestOps(
      client,
      'market-feed',
      'deadletters',
      E.getOrElseW(() => {
        throw new Error('bad request');
      })(opsRequest('market-feed', 'deadletters', { subject: 'nothing.>', limit: 5, all: true })),
    );
    ok(mine.ok);
    deepStrictEqual(mine.letters, []);
    strictEqual(mine.count, 2);
  });

  it('answers any request body with a typed reply and changes nothing (fuzz)', async () => {
    broker.publish('test.in', new TextEncoder().encode('bad'), {});
    await eventually(async () => {
      const r = await list({ subject: null, limit: 1, all: true });
      ok(r.ok && r.count === 1);
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.anything().filter((v) => JSON.stringify(v) !== undefined),
          fc.record({
            id: fc.string(),
            type: fc.constant('ListDeadLetters'),
            occurredAt: fc.constant('2026-12-06T00:00:00Z'),
            causationId: fc.constant(null),
            correlationId: fc.string(),
            data: fc.record({
              subject: fc.oneof(fc.constant(null), fc.string({ maxLength: 300 })),
              limit: fc.oneof(fc.integer(), fc.double()),
              all: fc.oneof(fc.boolean(), fc.anything()),
            }),
          }),
        ),
        async (body) => {
          const reply = (await client.request(rawDeadLetters, body)) as {
            ok: boolean;
            error?: { code: string; message: string };
            count?: number;
          };
          if (reply.ok) strictEqual(reply.count, 1);
          else {
            strictEqual(reply.error?.code, 'bad-request');
            ok(reply.error.message.length <= 1000);
          }
        },
      ),
      { numRuns: 200 },
    );
    const after = await list({ subject: null, limit: 10, all: true });
    ok(after.ok);
    strictEqual(after.count, 1);
  });
});
