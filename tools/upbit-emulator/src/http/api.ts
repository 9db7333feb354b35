import type { IncomingHttpHeaders } from 'node:http';
import type { Account, Scope } from '../exchange/account.js';
import type { ExchangeError } from '../exchange/exchange-error.js';
import type { World } from '../world.js';
import type { QueryParams } from './query-params.js';
import type { RateGroup } from './rate-limiter.js';

/** A parsed REST request. */
export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly query: QueryParams;
  /** The JSON body, when there was one. */
  readonly body: Readonly<Record<string, unknown>> | undefined;
  /** The text `body` was parsed from (the durable emulator journals it as it came). */
  readonly bodyText?: string;
  readonly headers: IncomingHttpHeaders;
  readonly ip: string;
  /** Values of `{name}` segments of the route path. */
  readonly params: Readonly<Record<string, string>>;
}

/** What a route answers. `text` bodies are sent as text/plain. */
export interface ApiReply {
  readonly status: number;
  readonly body: unknown;
  readonly text?: boolean;
}

/** What a route sees besides the request: the exchange world and the caller's account. */
export interface RouteContext {
  readonly world: World;
  /** Set on private routes (after authentication). */
  readonly account: Account | undefined;
}

/** One REST endpoint. Private endpoints name the key permission they need. */
export interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Path with `{name}` segments, e.g. `/v1/candles/minutes/{unit}`. */
  readonly path: string;
  readonly group: RateGroup;
  readonly scope?: Scope;
  handle(req: ApiRequest, ctx: RouteContext): ApiReply;
}

/** A JSON answer (200 unless told). */
export const ok = (body: unknown, status = 200): ApiReply => ({ status, body });

/** `{"error":{"name","message"}}` with the error's status. */
export const errorReply = (e: ExchangeError): ApiReply => ({
  status: e.status,
  body: { error: { name: e.name, message: e.message } },
});

/** A quotation error: its `name` may be an integer, as Upbit's quotation API sends it. */
export const quotationError = (
  status: number,
  name: string | number,
  message: string,
): ApiReply => ({
  status,
  body: { error: { name, message } },
});
