import { ok } from 'node:assert/strict';
import fc from 'fast-check';
import type { UpbitClient } from '../api/upbit-client.js';
import { UpbitDecodeError } from '../errors/upbit.errors.js';
import { isResponseTooLarge, isUpbitError } from '../errors/upbit.guards.js';
import type { LocalHttpServer, TestHandler } from '../testing/local-http-server.js';
import { serveRest } from '../testing/rest-harness.js';

/** The bound of an error message (`capText` in libs/model), plus its source prefix. */
const MAX_MESSAGE = 2_100;

describe('RestClient bounds: what a huge or hostile answer can make of an error', () => {
  let server: LocalHttpServer | undefined;
  const serve = async (handler: TestHandler, maxBodyBytes?: number): Promise<UpbitClient> => {
    const harness = await serveRest(handler, maxBodyBytes === undefined ? {} : { maxBodyBytes });
    server = harness.server;
    return harness.client;
  };
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('reports a 396 KB account answer with every entry wrong in a short message', async () => {
    const entries = Array.from({ length: 4_000 }, (_, i) => ({
      currency: i,
      balance: 'not a number',
      locked: null,
      avg_buy_price: {},
      unit_currency: 'KRW'.repeat(10),
    }));
    const body = JSON.stringify(entries);
    ok(body.length > 390_000, `${body.length}`);
    const client = await serve((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    const e = await client.account.balances().catch((err: unknown) => err);
    ok(e instanceof UpbitDecodeError, String(e));
    ok(e.message.length <= MAX_MESSAGE, `message of ${e.message.length} characters`);
    ok(e.issues.length <= 100);
    ok(/and \d+ more issues/.test(e.message), e.message);
  });

  it('answers any body with balances or a typed, bounded error (fuzz)', async () => {
    let next = '';
    const client = await serve((_r, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(next);
    }, 16 * 1024);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 20_000 }),
          fc.json({ maxDepth: 4 }),
          fc
            .array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 200 })
            .map((v) => JSON.stringify(v)),
        ),
        async (text) => {
          next = text;
          try {
            const balances = await client.account.balances();
            ok(Array.isArray(balances));
          } catch (e) {
            ok(isUpbitError(e) || isResponseTooLarge(e), String(e));
            ok((e as Error).message.length <= MAX_MESSAGE);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
