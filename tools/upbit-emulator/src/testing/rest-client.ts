import { bearer, type SignOptions } from './upbit-signer.js';

/** A test's view of a response. */
export interface TestResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body (undefined when the body is not JSON). */
  readonly json: unknown;
}

/** Query parameters in the order they are sent. */
export type Params = ReadonlyArray<readonly [string, string]>;

/** Keys with literal `[]`, values URL-encoded: as Upbit wants them on the wire. */
export const wireQuery = (params: Params): string =>
  params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
/** The un-encoded string Upbit hashes. */
export const hashQuery = (params: Params): string => params.map(([k, v]) => `${k}=${v}`).join('&');

async function toResponse(r: Response): Promise<TestResponse> {
  const text = await r.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: r.status, headers: r.headers, text, json };
}

type Key = Pick<SignOptions, 'accessKey' | 'secretKey' | 'alg'>;

/** A signing REST client for one account. */
export class RestClient {
  constructor(
    private readonly baseUrl: string,
    private readonly key: Key,
  ) {}

  /** An unauthenticated GET (quotation API). */
  async publicGet(path: string, params: Params = []): Promise<TestResponse> {
    return toResponse(
      await fetch(`${this.baseUrl}${path}${params.length ? `?${wireQuery(params)}` : ''}`),
    );
  }

  /** A signed GET or DELETE with query parameters. */
  async send(
    method: 'GET' | 'DELETE',
    path: string,
    params: Params = [],
    sign: Partial<SignOptions> = {},
  ): Promise<TestResponse> {
    const auth = await bearer({
      ...this.key,
      ...(params.length ? { hashInput: hashQuery(params) } : {}),
      ...sign,
    });
    const url = `${this.baseUrl}${path}${params.length ? `?${wireQuery(params)}` : ''}`;
    return toResponse(await fetch(url, { method, headers: { Authorization: auth } }));
  }

  /** A signed GET. */
  get(path: string, params: Params = [], sign: Partial<SignOptions> = {}): Promise<TestResponse> {
    return this.send('GET', path, params, sign);
  }

  /** A signed POST of a JSON body (hashed as `k=v&...` in body order). */
  async post(
    path: string,
    body: Readonly<Record<string, string>>,
    sign: Partial<SignOptions> = {},
  ): Promise<TestResponse> {
    const auth = await bearer({ ...this.key, hashInput: hashQuery(Object.entries(body)), ...sign });
    const r = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { Authorization: auth, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return toResponse(r);
  }

  /** `POST /v1/orders`. */
  order(body: Readonly<Record<string, string>>): Promise<TestResponse> {
    return this.post('/v1/orders', body);
  }
}
