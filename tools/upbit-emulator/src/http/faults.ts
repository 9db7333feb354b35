/** Failure knobs, switchable at run time (admin API or `admin.setFaults`). */
export interface FaultSettings {
  /**
   * Delay (ms) added to every REST answer after the request was processed: a client that times
   * out first leaves the effect behind (an order placed although its POST timed out).
   */
  readonly latencyMs: number;
  /** The next n `POST /v1/orders` are processed, then the socket is destroyed with no response. */
  readonly dropNextOrderResponses: number;
  /** The next n matching requests answer `fail5xxStatus`. */
  readonly fail5xxNext: number;
  readonly fail5xxStatus: number;
  /** true: the request is processed first (an order is placed), then the 5xx replaces the answer. */
  readonly fail5xxAfterProcessing: boolean;
  /** Which requests the 5xx knob hits: `POST /v1/orders` only, or every REST request. */
  readonly fail5xxScope: 'orders' | 'all';
  /** The next n REST requests answer 429 without being processed (no 418 escalation). */
  readonly burst429: number;
  /** While true, WebSocket upgrades are refused with 503 (an outage of the stream). */
  readonly refuseWebSockets: boolean;
  /**
   * A slow exchange: `GET /v1/order?identifier=` answers 404 `order_not_found` for an order
   * created less than this many ms ago (the lists and the lookup by uuid show it). 0 = off.
   */
  readonly identifierLookupLagMs: number;
}

/** Every knob off. */
export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  dropNextOrderResponses: 0,
  fail5xxNext: 0,
  fail5xxStatus: 500,
  fail5xxAfterProcessing: false,
  fail5xxScope: 'orders',
  burst429: 0,
  refuseWebSockets: false,
  identifierLookupLagMs: 0,
};

/** The live fault settings; counters go down as faults are spent. */
export class Faults {
  private current: FaultSettings = NO_FAULTS;

  /** The settings now. */
  get settings(): FaultSettings {
    return this.current;
  }

  /** Merges a patch into the settings and returns the result. */
  update(patch: Partial<FaultSettings>): FaultSettings {
    this.current = { ...this.current, ...patch };
    return this.current;
  }

  /** Back to no faults. */
  clear(): void {
    this.current = NO_FAULTS;
  }

  /** Spends one unit of a counter; true when a fault is due. */
  take(counter: 'dropNextOrderResponses' | 'fail5xxNext' | 'burst429'): boolean {
    if (this.current[counter] <= 0) return false;
    this.current = { ...this.current, [counter]: this.current[counter] - 1 };
    return true;
  }
}
