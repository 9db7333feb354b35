import { deepEqual, equal, ok } from 'node:assert/strict';
import { UpbitClient } from '../api/upbit-client.js';
import { isUpbitApiError } from '../errors/upbit.guards.js';
import { json, startHttpServer, type LocalHttpServer } from '../testing/local-http-server.js';
import { ManualClock } from '../testing/manual-clock.js';
import { RateLimiter } from './rate-limiter.js';

const credentials = { accessKey: 'pacing-access', secretKey: 'pacing-secret' };

/** Polls (real time) until `done()` holds; used only to wait for I/O, never to assert durations. */
async function eventually(done: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !done(); i++) await new Promise((r) => setTimeout(r, 5));
  ok(done(), 'condition never held');
}
/** Gives real I/O time to happen, for checks that something did NOT happen. */
const quietPeriod = () => new Promise((r) => setTimeout(r, 100));

describe('RestClient pacing against a local HTTP server', () => {
  let server: LocalHttpServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends nothing while blocked by a 418 and then sends every queued request', async () => {
    const clock = new ManualClock(Date.now());
    const limiter = new RateLimiter({ clock, defaultBlockMs: 60_000 });
    const blocked: Date[] = [];
    server = await startHttpServer((_r, res, i) => {
      if (i === 0) {
        res.writeHead(418, { 'content-type': 'text/plain' });
        res.end("I'm a teapot");
      } else json(res, 200, []);
    });
    const client = new UpbitClient({
      baseUrl: server.url,
      credentials,
      clock,
      rateLimiter: limiter,
      onBlocked: (e) => blocked.push(e.until),
    });
    const first = client.account.balances();
    await eventually(() => blocked.length === 1);
    equal(blocked[0]?.getTime(), clock.now() + 60_000);
    const queued = [client.quotation.markets(), client.orders.open(), client.orders.open()];
    await quietPeriod();
    equal(server.seen.length, 1);
    await clock.advance(60_000);
    deepEqual(await Promise.all([first, ...queued]), [[], [], [], []]);
    equal(server.seen.length, 5);
  });

  it('holds a group back until the next second when Remaining-Req reaches sec=0', async () => {
    const clock = new ManualClock(Math.floor(Date.now() / 1000) * 1000 + 400);
    const limiter = new RateLimiter({ clock, secondMarginMs: 20 });
    server = await startHttpServer((_r, res) =>
      json(res, 200, [], { 'remaining-req': 'group=default; min=1800; sec=0' }),
    );
    const client = new UpbitClient({
      baseUrl: server.url,
      credentials,
      clock,
      rateLimiter: limiter,
    });
    await client.account.balances();
    const second = client.orders.open();
    const otherGroup = client.quotation.markets();
    await otherGroup;
    await quietPeriod();
    equal(server.seen.length, 2);
    await clock.advance(620);
    deepEqual(await second, []);
    equal(server.seen.length, 3);
  });

  it('reads a non-JSON error page as http_<status>', async () => {
    server = await startHttpServer((_r, res) => {
      res.writeHead(400, { 'content-type': 'text/html' });
      res.end('<html>bad request</html>');
    });
    const client = new UpbitClient({ baseUrl: server.url, credentials });
    const e = await client.account.chance('KRW-BTC').catch((err: unknown) => err);
    ok(isUpbitApiError(e, 'http_400'));
  });
});
