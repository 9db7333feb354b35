import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decodeWith } from '@hoga/model';
import type { QueryParams } from '../http/query-params.js';
import { AdminError } from './admin-error.js';
import {
  AccountBody,
  BalancesBody,
  DropBody,
  FaultsBody,
  JumpBody,
  KeyAccessBody,
  PriceBody,
  RateLimitsBody,
  StepBody,
} from './admin.codecs.js';
import type { EmulatorAdmin } from './emulator-admin.js';

/** What an admin route gets. */
export interface AdminCall {
  readonly body: unknown;
  readonly params: Record<string, string>;
  readonly query: QueryParams;
}

/** One admin endpoint, with the line `GET /__admin/` shows for it. */
export interface AdminRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly doc: string;
  run(admin: EmulatorAdmin, call: AdminCall): unknown;
}

/** Decodes an admin body or throws a 400 (caught by the handler). */
function body<A, O>(codec: t.Type<A, O, unknown>, value: unknown): A {
  const r = decodeWith(codec, value ?? {});
  if (E.isLeft(r)) throw new AdminError(400, r.left.message);
  return r.right;
}

/** The admin endpoints under `/__admin/`; `GET /__admin/` lists them. */
export const ADMIN_ROUTES: readonly AdminRoute[] = [
  {
    method: 'GET',
    path: '/__admin/state',
    doc: 'running flag, market prices, balances, faults, connections',
    run: (a) => a.state(),
  },
  {
    method: 'POST',
    path: '/__admin/step',
    doc: '{"steps":n}: advance every market n steps (default 1); returns the trades',
    run: (a, c) => ({ trades: a.step(body(StepBody, c.body).steps ?? 1) }),
  },
  {
    method: 'POST',
    path: '/__admin/pause',
    doc: 'stop the price timer',
    run: (a) => (a.pause(), { running: a.running }),
  },
  {
    method: 'POST',
    path: '/__admin/resume',
    doc: 'restart the price timer',
    run: (a) => (a.resume(), { running: a.running }),
  },
  {
    method: 'GET',
    path: '/__admin/markets/{market}/price',
    doc: 'the last price',
    run: (a, c) => ({ price: a.price(c.params['market']!) }),
  },
  {
    method: 'PUT',
    path: '/__admin/markets/{market}/price',
    doc: '{"price":"101000000"}: trade the market at this on-grid price now',
    run: (a, c) => (
      a.setPrice(c.params['market']!, body(PriceBody, c.body).price),
      { price: a.price(c.params['market']!) }
    ),
  },
  {
    method: 'POST',
    path: '/__admin/markets/{market}/jump',
    doc: '{"pct":-5}: move the price by a percentage',
    run: (a, c) => ({ price: a.jumpPrice(c.params['market']!, body(JumpBody, c.body).pct) }),
  },
  {
    method: 'POST',
    path: '/__admin/accounts',
    doc: '{"accessKey","secretKey","balances"?,"scopes"?,"allowedIps"?,"expiresAt"?}: open an account',
    run: (a, c) => (a.addAccount(body(AccountBody, c.body)), { ok: true }),
  },
  {
    method: 'GET',
    path: '/__admin/accounts/{accessKey}',
    doc: 'balances of an account',
    run: (a, c) => a.balances(c.params['accessKey']!),
  },
  {
    method: 'PUT',
    path: '/__admin/accounts/{accessKey}/balances',
    doc: '{"KRW":"1000000","BTC":"0.5"}: set available balances',
    run: (a, c) => (
      a.setBalances(c.params['accessKey']!, body(BalancesBody, c.body)),
      a.balances(c.params['accessKey']!)
    ),
  },
  {
    method: 'POST',
    path: '/__admin/accounts/{accessKey}/orders',
    doc: 'a POST /v1/orders body: place it as another client of the account (foreign order)',
    run: (a, c) => a.placeOrderAs(c.params['accessKey']!, c.body),
  },
  {
    method: 'GET',
    path: '/__admin/orders',
    doc: '?accessKey=&market=&identifier=: every order the exchange accepted, oldest first',
    run: (a, c) =>
      a.orders({
        ...opt('accessKey', c.query),
        ...opt('market', c.query),
        ...opt('identifier', c.query),
      }),
  },
  { method: 'GET', path: '/__admin/faults', doc: 'the fault settings', run: (a) => a.faults() },
  {
    method: 'PUT',
    path: '/__admin/faults',
    doc: 'merge fault settings (latencyMs, dropNextOrderResponses, fail5xxNext, fail5xxStatus, fail5xxAfterProcessing, fail5xxScope, burst429, refuseWebSockets, identifierLookupLagMs)',
    run: (a, c) => a.setFaults(body(FaultsBody, c.body)),
  },
  {
    method: 'DELETE',
    path: '/__admin/faults',
    doc: 'turn every fault off',
    run: (a) => (a.clearFaults(), a.faults()),
  },
  {
    method: 'POST',
    path: '/__admin/websockets/drop',
    doc: '{"kind":"all|public|private"}: drop WebSocket connections abruptly',
    run: (a, c) => ({ dropped: a.dropWebSockets(body(DropBody, c.body).kind ?? 'all') }),
  },
  {
    method: 'POST',
    path: '/__admin/websockets/freeze',
    doc: '{"kind":"all|public|private"}: open connections stop sending and answering pings (stay open)',
    run: (a, c) => ({ frozen: a.freezeWebSockets(body(DropBody, c.body).kind ?? 'all') }),
  },
  {
    method: 'POST',
    path: '/__admin/websockets/thaw',
    doc: 'frozen connections send and answer again',
    run: (a) => ({ thawed: a.thawWebSockets() }),
  },
  {
    method: 'GET',
    path: '/__admin/accounts/{accessKey}/access',
    doc: "a key's run-time access (key status, order permission)",
    run: (a, c) => a.keyAccess(c.params['accessKey']!),
  },
  {
    method: 'PUT',
    path: '/__admin/accounts/{accessKey}/access',
    doc: '{"key":"ok|revoked|expired|ip-not-allowed","oldIpSpelling"?,"orderPermission"?}: revoke, expire, restore a key',
    run: (a, c) => a.setKeyAccess(c.params['accessKey']!, body(KeyAccessBody, c.body)),
  },
  {
    method: 'GET',
    path: '/__admin/traffic',
    doc: 'signed requests by endpoint, refused requests, WebSocket handshakes (refused ones)',
    run: (a) => a.traffic(),
  },
  {
    method: 'DELETE',
    path: '/__admin/traffic',
    doc: 'start the traffic counts over',
    run: (a) => (a.resetTraffic(), a.traffic()),
  },
  {
    method: 'GET',
    path: '/__admin/rate-limits',
    doc: 'the rate-limit settings',
    run: (a) => a.rateLimits(),
  },
  {
    method: 'PUT',
    path: '/__admin/rate-limits',
    doc: '{"enabled":false} or other limiter settings; windows and blocks restart',
    run: (a, c) => a.setRateLimits(body(RateLimitsBody, c.body)),
  },
  {
    method: 'POST',
    path: '/__admin/reset',
    doc: 'back to the configured start (markets, accounts, orders, faults, limits)',
    run: (a) => (a.reset(), { ok: true }),
  },
];

function opt(name: string, q: QueryParams): Record<string, string> {
  const v = q.get(name);
  return v === undefined ? {} : { [name]: v };
}
