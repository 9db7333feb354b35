import { equal, ok } from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as turn } from 'node:timers/promises';
import { adminHandler } from '../admin/admin.routes.js';
import { EmulatorAdmin } from '../admin/emulator-admin.js';
import { resolveOptions } from '../config/resolve-options.js';
import { ROUTES } from '../emulator.js';
import { EmulatorRuntime } from '../emulator-runtime.js';
import { eventually } from '../testing/eventually.js';
import { RestClient } from '../testing/rest-client.js';
import { restPipeline } from './rest-pipeline.js';
import { Router } from './router.js';

const KEY = { accessKey: 'held-ak', secretKey: 'held-sk' };

/**
 * REST and admin answers wait for `journaled()` (ADR 0032, group commit): with a durable state
 * the journal write of a turn comes after the handlers of the turn ran, so an answer sent
 * before it could tell of a change a crash then loses. Here the test holds the write.
 */
describe('emulator http: answers wait until the changes are journaled', () => {
  let server: Server;
  let url: string;
  let release: () => void = () => undefined;
  let asked = 0;

  before(async () => {
    const rt = new EmulatorRuntime(
      resolveOptions({
        seed: 'held',
        tickIntervalMs: 0,
        historyMinutes: 0,
        markets: [{ market: 'KRW-BTC', startPrice: '100000000' }],
        accounts: [{ ...KEY, balances: { KRW: '10000000' } }],
        rateLimits: { enabled: false },
      }),
    );
    const journaled = () => {
      asked++;
      return new Promise<void>((resolve) => (release = resolve));
    };
    const rest = restPipeline({
      router: new Router(ROUTES),
      world: () => rt.world,
      limiter: rt.limiter,
      faults: rt.faults,
      keys: rt.keys,
      traffic: rt.traffic,
      tooManyBody: 'json',
      log: () => undefined,
      journaled,
    });
    const admin = adminHandler(new EmulatorAdmin(rt), journaled);
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      void (path.startsWith('/__admin') ? admin(req, res, path, '') : rest(req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** Sends `request`, checks it is not answered while the journal write is held, then releases it. */
  async function heldUntilWritten(request: () => Promise<{ status: number }>): Promise<number> {
    const before = asked;
    let answered = false;
    const answer = request().then((r) => {
      answered = true;
      return r;
    });
    await eventually(() => (asked > before ? true : undefined), 'the answer to wait');
    for (let i = 0; i < 50; i++) await turn();
    equal(answered, false, 'answered before the journal write');
    release();
    return (await answer).status;
  }

  it('holds a REST order answer and a REST read until the write', async () => {
    const client = new RestClient(url, KEY);
    const body = { market: 'KRW-BTC', side: 'bid', ord_type: 'price', price: '10000' };
    equal(await heldUntilWritten(() => client.order({ ...body, identifier: 'held-1' })), 201);
    equal(await heldUntilWritten(() => client.get('/v1/order', [['identifier', 'held-1']])), 200);
  });

  it('holds an admin answer until the write', async () => {
    const status = await heldUntilWritten(async () => {
      const r = await fetch(`${url}/__admin/state`);
      await r.arrayBuffer();
      return r;
    });
    ok(status < 500, `admin answered ${status}`);
  });
});
