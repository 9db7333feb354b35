import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import * as E from 'fp-ts/lib/Either.js';
import { exchangeError, validationError } from '../exchange/exchange-error.js';
import type { World } from '../world.js';
import type { Scope } from '../exchange/account.js';
import { errorReply, type ApiReply, type ApiRequest, type Route } from './api.js';
import type { Faults } from './faults.js';
import type { KeyAccess } from './key-access.js';
import type { Traffic } from './traffic.js';
import { lagIdentifierLookup } from './identifier-lag.js';
import { readJsonBody, sendReply } from './http-io.js';
import { QueryParams, bodyHashInput } from './query-params.js';
import type { RateDecision, RateGroup, RateLimiter } from './rate-limiter.js';
import { authenticate, claimedAccessKey } from './rest-auth.js';
import type { RouteMatch, Router } from './router.js';

/** What the REST pipeline works with. */
export interface RestPipelineDeps {
  readonly router: Router<Route>;
  world(): World;
  readonly limiter: RateLimiter;
  readonly faults: Faults;
  /** Run-time key changes (revoked, expired, IP, order permission). */
  readonly keys: KeyAccess;
  /** Counts of signed requests (admin `traffic`). */
  readonly traffic: Traffic;
  readonly tooManyBody: 'json' | 'text' | 'mixed';
  readonly log: (line: string) => void;
  /**
   * With a durable state: resolves when every change made so far is journaled (undefined when
   * none waits). Every answer waits on it, so none tells of a change a crash could lose.
   */
  journaled?(): Promise<void> | undefined;
}

const IP_GROUPS: ReadonlySet<RateGroup> = new Set([
  'market',
  'candle',
  'trade',
  'ticker',
  'orderbook',
]);
const TOO_MANY = 'Too many API requests.';

function tooMany(
  deps: RestPipelineDeps,
  group: RateGroup,
  status: 429 | 418,
  message: string,
): ApiReply {
  const text =
    deps.tooManyBody === 'text' || (deps.tooManyBody === 'mixed' && IP_GROUPS.has(group));
  return text
    ? { status, body: message, text: true }
    : { status, body: { error: { name: 'too_many_requests', message } } };
}

const serverError = (status: number): ApiReply => ({
  status,
  body: `${status} ${STATUS_CODES[status] ?? 'Server Error'}`,
  text: true,
});

function limitReply(
  deps: RestPipelineDeps,
  group: RateGroup,
  d: RateDecision,
  now: number,
): ApiReply | undefined {
  if (d.kind === 'limited') return tooMany(deps, group, 429, TOO_MANY);
  if (d.kind === 'blocked')
    return tooMany(
      deps,
      group,
      418,
      `${TOO_MANY} Blocked for ${Math.ceil((d.untilMs - now) / 1000)} seconds.`,
    );
  return undefined;
}

/** Rate limit (or the 429 burst fault): a refusal, and the `Remaining-Req` header either way. */
function admit(
  deps: RestPipelineDeps,
  req: IncomingMessage,
  route: Route | undefined,
  ip: string,
): { refusal: ApiReply | undefined; headers: Record<string, string> } {
  const group: RateGroup = route?.group ?? 'default';
  if (deps.faults.take('burst429')) {
    return {
      refusal: tooMany(deps, group, 429, TOO_MANY),
      headers: { 'Remaining-Req': deps.limiter.header(group, 0) },
    };
  }
  const perAccount = route?.scope !== undefined && !IP_GROUPS.has(group);
  const key = perAccount ? `key:${claimedAccessKey(req.headers.authorization) ?? ip}` : `ip:${ip}`;
  const decision = deps.limiter.check(group, key);
  const refusal = limitReply(deps, group, decision, deps.world().clock.now());
  return { refusal, headers: { 'Remaining-Req': deps.limiter.header(group, decision.remaining) } };
}

/** 404 / 405 for requests no route takes. */
function unrouted(
  match: RouteMatch<Route> | 'method' | undefined,
  method: string,
  path: string,
): ApiReply | undefined {
  if (!match) return errorReply(exchangeError(404, 'not_found', `no such endpoint: ${path}`));
  if (match === 'method')
    return errorReply(exchangeError(405, 'method_not_allowed', `${method} not allowed`));
  return undefined;
}

/**
 * The REST request pipeline, in order: route -> 429 burst fault -> rate limit (`Remaining-Req`
 * on every answer) -> 5xx-before fault -> parameters -> authentication -> handler -> 5xx-after
 * fault -> latency fault -> dropped-response fault -> answer. The latency fault delays the
 * answer of a request that has already been processed, so a client that gives up on it leaves
 * the effect behind ("the POST timed out but the order was placed", reliability #3).
 */
export function restPipeline(deps: RestPipelineDeps) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = req.url ?? '/';
    const cut = url.indexOf('?');
    const path = cut < 0 ? url : url.slice(0, cut);
    const ip = req.socket.remoteAddress ?? 'unknown';
    const method = req.method ?? 'GET';
    const match = deps.router.match(method, path);
    const route = typeof match === 'object' ? match.route : undefined;
    const { refusal, headers } = admit(deps, req, route, ip);
    const send = async (reply: ApiReply): Promise<void> => {
      if (!(await answerLater(deps, res))) return;
      await deps.journaled?.();
      sendReply(res, reply, headers);
    };
    const isOrderPost = route?.method === 'POST' && route.path === '/v1/orders';
    const faults = deps.faults.settings;
    const fail5xx = faults.fail5xxScope === 'all' || isOrderPost;
    const early =
      refusal ??
      unrouted(match, method, path) ??
      (fail5xx && !faults.fail5xxAfterProcessing && deps.faults.take('fail5xxNext')
        ? serverError(faults.fail5xxStatus)
        : undefined);
    if (early || typeof match !== 'object') {
      req.resume();
      return send(early ?? serverError(500));
    }
    const { reply: answer, processed: handled } = await handle(
      deps,
      match.route,
      match.params,
      req,
      path,
      cut < 0 ? '' : url.slice(cut + 1),
      ip,
    );
    const reply = lagIdentifierLookup(
      faults,
      deps.world(),
      match.route,
      cut < 0 ? '' : url.slice(cut + 1),
      answer,
    );
    if (fail5xx && faults.fail5xxAfterProcessing && deps.faults.take('fail5xxNext'))
      return send(serverError(faults.fail5xxStatus));
    if (isOrderPost && handled && deps.faults.take('dropNextOrderResponses')) {
      deps.log(`fault: dropped the response to POST /v1/orders (status ${reply.status})`);
      if (await answerLater(deps, res)) res.socket?.destroy();
      return;
    }
    return send(reply);
  };
}

/**
 * Waits out the latency fault (when set) unless the client goes away first; true when the
 * answer should still be sent.
 */
async function answerLater(deps: RestPipelineDeps, res: ServerResponse): Promise<boolean> {
  const { latencyMs } = deps.faults.settings;
  if (latencyMs <= 0) return true;
  const gone = new AbortController();
  res.once('close', () => gone.abort());
  return sleep(latencyMs, true, { signal: gone.signal }).catch(() => false);
}

const refused = (reply: ApiReply) => ({ reply, processed: false });
const processed = (reply: ApiReply) => ({ reply, processed: true });

/** Parses, authenticates and runs a route; `processed` = the route handler ran. */
async function handle(
  deps: RestPipelineDeps,
  route: Route,
  params: Record<string, string>,
  req: IncomingMessage,
  path: string,
  rawQuery: string,
  ip: string,
): Promise<{ reply: ApiReply; processed: boolean }> {
  const query = QueryParams.parse(rawQuery);
  if (!query) {
    req.resume();
    return refused(errorReply(validationError('malformed query string')));
  }
  const body = await readJsonBody(req);
  if (body.kind === 'error') return refused(body.reply);
  const world = deps.world();
  const apiReq: ApiRequest = {
    method: route.method,
    path,
    query,
    body: body.body,
    ...(body.text !== undefined ? { bodyText: body.text } : {}),
    headers: req.headers,
    ip,
    params,
  };
  const scope = route.scope;
  if (!scope) return processed(route.handle(apiReq, { world, account: undefined }));
  const answer = authorized(deps, { ...route, scope }, apiReq, world);
  deps.traffic.request(route.method, path, answer.reply.status);
  return answer;
}

/** Authentication (the JWT, then the key's run-time access and its permission), then the route. */
function authorized(
  deps: RestPipelineDeps,
  route: Route & { readonly scope: Scope },
  req: ApiRequest,
  world: World,
): { reply: ApiReply; processed: boolean } {
  const hashInput =
    req.body !== undefined && Object.keys(req.body).length > 0
      ? bodyHashInput(req.body)
      : req.query.isEmpty
        ? undefined
        : req.query.hashInput();
  const auth = authenticate(
    { header: req.headers.authorization, hashInput, ip: req.ip, now: world.clock.now() },
    (k) => world.exchange.account(k),
  );
  if (E.isLeft(auth)) return refused(errorReply(auth.left));
  const keyRefusal = deps.keys.refusal(auth.right.accessKey, route.scope);
  if (keyRefusal) return refused(errorReply(keyRefusal));
  if (!auth.right.scopes.has(route.scope)) {
    return refused(
      errorReply(
        exchangeError(403, 'out_of_scope', `this key lacks the ${route.scope} permission`),
      ),
    );
  }
  return processed(route.handle(req, { world, account: auth.right }));
}
