import { UpbitClient, type RateLimitedEvent } from '@hoga/upbit';
import { FAST, KEYS, type Harness } from './harness.js';

/**
 * Watches what the executor's Upbit client puts on the wire: every `POST /v1/orders` (its
 * identifier, how many were unanswered at once) and every 429, whether the server sent it or the
 * client reported it.
 */
export class UpbitProbe {
  /** The identifier of every order POST, in sending order (a repeat would show twice). */
  readonly posted: string[] = [];
  /** Every request as `METHOD /path`, in sending order. */
  readonly requests: string[] = [];
  /** Paths answered 503 by the probe itself (the request never reaches the emulator). */
  readonly failing = new Set<string>();
  /** Every 429 answer seen on the wire. */
  readonly tooMany: string[] = [];
  /** Every 429 the client reported (`onRateLimited`). */
  readonly rateLimited: RateLimitedEvent[] = [];
  #postsInFlight = 0;
  #maxPostsInFlight = 0;

  /** The most order POSTs sent and not yet answered at the same time. */
  get maxPostsInFlight(): number {
    return this.#maxPostsInFlight;
  }

  /** An Upbit client for the harness's emulator that reports to this probe. */
  client(h: Harness, options: { readonly maxRetries?: number } = {}): UpbitClient {
    return new UpbitClient({
      ...options,
      baseUrl: h.em.url,
      credentials: KEYS,
      timeoutMs: FAST.upbit.timeoutMs,
      fetch: (input, init) => this.#fetch(input, init),
      onRateLimited: (event) => this.rateLimited.push(event),
    });
  }

  async #fetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = new URL(input instanceof Request ? input.url : input);
    const post = init?.method === 'POST' && url.pathname === '/v1/orders';
    this.requests.push(`${init?.method ?? 'GET'} ${url.pathname}`);
    if (this.failing.has(url.pathname))
      return new Response('503 Service Unavailable', { status: 503 });
    if (post) {
      const body = JSON.parse(typeof init.body === 'string' ? init.body : '{}') as {
        identifier?: string;
      };
      this.posted.push(body.identifier ?? '(none)');
      this.#postsInFlight += 1;
      this.#maxPostsInFlight = Math.max(this.#maxPostsInFlight, this.#postsInFlight);
    }
    try {
      const response = await fetch(input, init);
      if (response.status === 429) this.tooMany.push(`${init?.method ?? 'GET'} ${url.pathname}`);
      return response;
    } finally {
      if (post) this.#postsInFlight -= 1;
    }
  }
}
