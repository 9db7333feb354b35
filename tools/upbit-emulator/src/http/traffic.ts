/** What the emulator was asked, for tests that bound retries ("no storm of requests"). */
export interface TrafficCounts {
  /** Signed REST requests (private endpoints), by `METHOD /path`. */
  readonly privateRequests: Readonly<Record<string, number>>;
  /** Signed REST requests answered 401 or 403. */
  readonly refusedRequests: number;
  /** WebSocket upgrade attempts, by kind, and how many of them were refused. */
  readonly handshakes: { readonly public: number; readonly private: number };
  readonly refusedHandshakes: { readonly public: number; readonly private: number };
}

type Kind = 'public' | 'private';

/** Counts signed REST requests and WebSocket handshakes since the last reset. */
export class Traffic {
  #private = new Map<string, number>();
  #refused = 0;
  #handshakes = { public: 0, private: 0 };
  #refusedHandshakes = { public: 0, private: 0 };

  /** A signed REST request was answered with `status`. */
  request(method: string, path: string, status: number): void {
    const key = `${method} ${path}`;
    this.#private.set(key, (this.#private.get(key) ?? 0) + 1);
    if (status === 401 || status === 403) this.#refused += 1;
  }

  /** A WebSocket upgrade was attempted; `refused` when it was answered with HTTP. */
  handshake(kind: Kind, refused: boolean): void {
    this.#handshakes[kind] += 1;
    if (refused) this.#refusedHandshakes[kind] += 1;
  }

  counts(): TrafficCounts {
    return {
      privateRequests: Object.fromEntries(this.#private),
      refusedRequests: this.#refused,
      handshakes: { ...this.#handshakes },
      refusedHandshakes: { ...this.#refusedHandshakes },
    };
  }

  reset(): void {
    this.#private = new Map();
    this.#refused = 0;
    this.#handshakes = { public: 0, private: 0 };
    this.#refusedHandshakes = { public: 0, private: 0 };
  }
}
