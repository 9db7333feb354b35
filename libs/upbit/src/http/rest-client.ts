import * as E from 'fp-ts/lib/Either.js';
import { decodeWith } from '@hoga/model';
import {
  activeTraceIds,
  ERROR_TYPE,
  HTTP_REQUEST_METHOD,
  HTTP_RESPONSE_STATUS_CODE,
  inSpan,
  SERVER_ADDRESS,
  SERVER_PORT,
  SpanKind,
  tracingOn,
  URL_FULL,
} from '@hoga/telemetry';
import { createJwtSigner, type JwtSigner } from '../auth/jwt.js';
import {
  toJsonBody,
  toPairs,
  wireQuery,
  type ParamPair,
  type Params,
} from '../auth/query-string.js';
import { toApiError } from '../errors/error-body.js';
import type { UpbitError } from '../errors/upbit.errors.js';
import {
  UpbitBlockedError,
  UpbitDecodeError,
  UpbitNetworkError,
  UpbitOutcomeUnknownError,
  UpbitRateLimitedError,
  UpbitResponseTooLargeError,
} from '../errors/upbit.errors.js';
import { backoffDelay } from './backoff.js';
import { systemClock, type Clock } from './clock.js';
import type { Endpoint } from './endpoint.js';
import { RateLimiter } from './rate-limiter.js';
import type { RestClientOptions } from './rest-options.js';
import { BodyTooLarge, readBoundedText } from './read-body.js';
import { parseBlockHint, parseRemainingReq, parseRetryAfter } from './remaining-req.js';

type Attempt<A> = { readonly ok: A } | { readonly retry: UpbitError; readonly backoff: boolean };

/**
 * Sends Upbit REST requests: signs them, paces them through the {@link RateLimiter}, retries what
 * is safe to retry, decodes every answer with its io-ts codec and maps failures to typed errors.
 * A 429 is retried for every method (Upbit refused the request before acting on it; for an
 * order, the identifier guards against a duplicate anyway); a lost answer to an order POST or
 * DELETE is never retried: it is an {@link UpbitOutcomeUnknownError}.
 */
export class RestClient {
  /** The limiter pacing this client (shared when given). */
  readonly limiter: RateLimiter;
  private readonly signer: JwtSigner | undefined;
  private readonly clock: Clock;
  private readonly fetchFn: typeof fetch;

  /** Settings without the credentials: they live only in the signer's closure. */
  private readonly options: Omit<RestClientOptions, 'credentials'>;

  constructor(options: RestClientOptions = {}) {
    const { credentials, ...rest } = options;
    this.options = rest;
    this.clock = options.clock ?? systemClock;
    this.limiter =
      options.rateLimiter ??
      new RateLimiter({ clock: this.clock, random: options.random, ...options.rateLimits });
    this.signer = credentials && createJwtSigner(credentials, options.nonce);
    this.fetchFn = options.fetch ?? fetch;
  }

  /** Calls an endpoint with parameters (sent in insertion order) and returns the decoded answer. */
  async call<A>(ep: Endpoint<A>, params?: Params): Promise<A> {
    const pairs = toPairs(params);
    const maxRetries = this.options.maxRetries ?? 4;
    for (let attempt = 0; ; attempt++) {
      const release = await this.limiter.acquire(ep.group);
      let result: Attempt<A>;
      try {
        result = await this.attempt(ep, pairs, attempt);
      } finally {
        release();
      }
      if ('ok' in result) return result.ok;
      if (attempt >= maxRetries) throw result.retry;
      if (result.backoff) {
        const backoff = this.options.retryBackoff ?? { initialMs: 200, maxMs: 5000 };
        await this.clock.sleep(backoffDelay(attempt, backoff, this.options.random));
      }
    }
  }

  private get maxBodyBytes(): number {
    return this.options.maxBodyBytes ?? 5 * 1024 * 1024;
  }

  private async attempt<A>(
    ep: Endpoint<A>,
    pairs: ParamPair[],
    attempt: number,
  ): Promise<Attempt<A>> {
    const { method, path } = ep;
    const query = method === 'POST' || pairs.length === 0 ? '' : `?${wireQuery(pairs)}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    const body = method === 'POST' ? toJsonBody(pairs) : undefined;
    if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
    if (ep.auth) {
      if (this.signer === undefined) throw new TypeError(`${method} ${path} needs credentials`);
      headers.authorization = `Bearer ${await this.signer(pairs)}`;
    }
    const url = `${this.options.baseUrl ?? 'https://api.upbit.com'}${path}${query}`;
    const signal = AbortSignal.timeout(this.options.timeoutMs ?? 10_000);
    let response: Response;
    try {
      response = await this.#send(url, { method, headers, body, signal });
    } catch (cause) {
      return this.lost(ep, pairs, networkReason(cause), cause);
    }
    const remaining = parseRemainingReq(response.headers.get('remaining-req'));
    if (remaining !== undefined) this.limiter.observe(remaining);
    if (response.status === 429) {
      await response.body?.cancel().catch(() => undefined);
      return this.on429(ep, attempt);
    }
    if (response.status === 418) return this.on418(ep, response);
    let text: string;
    try {
      text = await readBoundedText(response, this.maxBodyBytes);
    } catch (cause) {
      if (!(cause instanceof BodyTooLarge))
        return this.lost(ep, pairs, networkReason(cause), cause);
      const tooLarge = new UpbitResponseTooLargeError(method, path, this.maxBodyBytes);
      if (ep.sideEffect && response.ok) return this.lost(ep, pairs, 'response too large', tooLarge);
      throw tooLarge;
    }
    if (response.ok) return { ok: this.decode(ep, pairs, text) };
    if (response.status >= 500)
      return this.lost(
        ep,
        pairs,
        `HTTP ${response.status}`,
        toApiError(response.status, text, method, path),
      );
    throw toApiError(response.status, text, method, path);
  }

  /**
   * One HTTP request in a CLIENT span `<method> <path>` (OpenTelemetry HTTP conventions; the
   * query and headers are not recorded: no key, no signature). A plain fetch when tracing is off
   * or nothing is being traced.
   */
  #send(url: string, init: RequestInit & { method: string }): Promise<Response> {
    // Only a call made for something traced is a span: background polls start no trace.
    if (!tracingOn() || activeTraceIds() === undefined) return this.fetchFn(url, init);
    const target = new URL(url);
    const attributes = {
      [HTTP_REQUEST_METHOD]: init.method,
      [URL_FULL]: `${target.origin}${target.pathname}`,
      [SERVER_ADDRESS]: target.hostname,
      [SERVER_PORT]: Number(target.port || (target.protocol === 'https:' ? 443 : 80)),
    };
    const name = `${init.method} ${target.pathname}`;
    return inSpan(name, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      const response = await this.fetchFn(url, init);
      span.setAttribute(HTTP_RESPONSE_STATUS_CODE, response.status);
      if (response.status >= 400) span.setAttribute(ERROR_TYPE, String(response.status));
      return response;
    });
  }

  private decode<A>(ep: Endpoint<A>, pairs: ParamPair[], text: string): A {
    const source = `${ep.method} ${ep.path}`;
    let error: UpbitDecodeError;
    try {
      const decoded = decodeWith(ep.codec, JSON.parse(text));
      if (E.isRight(decoded)) return decoded.right;
      error = new UpbitDecodeError(source, decoded.left);
    } catch (cause) {
      error = new UpbitDecodeError(source, cause as SyntaxError);
    }
    if (ep.sideEffect) throw outcomeUnknown(ep, pairs, 'response unreadable', error);
    throw error;
  }

  private lost<A>(ep: Endpoint<A>, pairs: ParamPair[], reason: string, cause: unknown): Attempt<A> {
    if (ep.sideEffect) throw outcomeUnknown(ep, pairs, reason, cause);
    return { retry: new UpbitNetworkError(ep.method, ep.path, reason, { cause }), backoff: true };
  }

  private on429<A>(ep: Endpoint<A>, attempt: number): Attempt<A> {
    const pauseMs = this.limiter.rateLimited(ep.group, attempt);
    this.options.onRateLimited?.({
      group: ep.group,
      method: ep.method,
      path: ep.path,
      attempt,
      pauseMs,
    });
    return {
      retry: new UpbitRateLimitedError(ep.group, ep.method, ep.path, attempt + 1),
      backoff: false,
    };
  }

  private async on418<A>(ep: Endpoint<A>, response: Response): Promise<Attempt<A>> {
    const now = this.clock.now();
    const body = await readBoundedText(response, 4096).catch(() => '');
    const hint =
      parseRetryAfter(response.headers.get('retry-after'), now) ?? parseBlockHint(body, now);
    const until = new Date(this.limiter.block(hint));
    this.options.onBlocked?.({ until, group: ep.group, method: ep.method, path: ep.path });
    return { retry: new UpbitBlockedError(until, ep.method, ep.path), backoff: false };
  }
}

function outcomeUnknown<A>(ep: Endpoint<A>, pairs: ParamPair[], reason: string, cause: unknown) {
  const identifier = pairs.find((p) => p.key === 'identifier')?.value;
  return new UpbitOutcomeUnknownError(ep.method, ep.path, identifier, reason, { cause });
}

function networkReason(cause: unknown): string {
  if (cause instanceof Error && (cause.name === 'TimeoutError' || cause.name === 'AbortError'))
    return 'timed out';
  const code = (cause as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return typeof code === 'string' ? `network error ${code}` : 'network error';
}
