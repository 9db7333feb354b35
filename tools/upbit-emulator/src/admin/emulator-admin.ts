import * as E from 'fp-ts/lib/Either.js';
import { type Decimal, dec, isOnTickGrid, parseDecimal, roundToTick } from '@hoga/model';
import type { AccountOptions } from '../config/options.js';
import type { EmulatorRuntime } from '../emulator-runtime.js';
import type { FaultSettings } from '../http/faults.js';
import type { KeyAccessSettings } from '../http/key-access.js';
import type { TrafficCounts } from '../http/traffic.js';
import type { RateLimitSettings } from '../http/rate-limiter.js';
import { wire } from '../util/decimal-wire.js';
import { orderView } from '../views/order.view.js';
import { AdminError } from './admin-error.js';
import type {
  BalanceSummary,
  EmulatorState,
  OrderFilter,
  RateLimitPatch,
  TradeSummary,
} from './admin-types.js';

export type * from './admin-types.js';

function amount(text: string, what: string): Decimal {
  const d = parseDecimal(text);
  if (d === undefined || d.lt(0))
    throw new AdminError(400, `${what} must be a non-negative decimal`);
  return d;
}

/** The operator's controls of a running emulator (also served under `/__admin/`). */
export class EmulatorAdmin {
  constructor(private readonly rt: EmulatorRuntime) {}

  /** An overview: timer, markets (price, best bid/ask, tick), balances, faults, limits, connections. */
  state(): EmulatorState {
    const { board, exchange } = this.rt.world;
    return {
      running: this.running,
      markets: board.list().map((m) => ({
        market: m.code,
        price: wire(m.price),
        bestAsk: wire(m.currentBook.bestAsk),
        bestBid: wire(m.currentBook.bestBid),
        tickSize: wire(m.tickSize),
      })),
      accounts: exchange
        .allAccounts()
        .map((a) => ({ accessKey: a.accessKey, balances: this.balances(a.accessKey) })),
      faults: this.faults(),
      rateLimits: { enabled: this.rateLimits().enabled },
      connections: this.connections(),
    };
  }

  /** Advances every market `steps` times (works while paused); returns the market trades. */
  step(steps = 1): TradeSummary[] {
    if (!Number.isInteger(steps) || steps < 1 || steps > 100_000)
      throw new AdminError(400, 'steps must be an integer from 1 to 100000');
    const out: TradeSummary[] = [];
    for (let i = 0; i < steps; i++) {
      for (const t of this.rt.world.step())
        out.push({
          market: t.market,
          price: wire(t.price),
          volume: wire(t.volume),
          askBid: t.askBid,
        });
    }
    return out;
  }

  /** Stops the price timer (manual steps still work). */
  pause(): void {
    this.rt.loop.pause();
  }

  /** Restarts the price timer. */
  resume(): void {
    this.rt.loop.resume();
  }

  /** True while the timer moves prices. */
  get running(): boolean {
    return this.rt.loop.running;
  }

  /** The last price of a market. */
  price(market: string): string {
    return wire(this.market(market).price);
  }

  /** Trades a market at `price` (must be on the tick grid) and matches resting orders. */
  setPrice(market: string, price: string): void {
    this.market(market);
    const p = amount(price, 'price');
    if (!p.gt(0) || !isOnTickGrid(p))
      throw new AdminError(400, `price ${price} is not on the KRW tick grid`);
    this.rt.world.setPrice(market, p);
  }

  /** Moves a market by `pct` percent (rounded onto the grid); returns the new price. */
  jumpPrice(market: string, pct: number): string {
    const from = this.market(market).price;
    if (!Number.isFinite(pct) || pct <= -100)
      throw new AdminError(400, 'pct must be a number above -100');
    const target = roundToTick(from.mul(dec(pct).div(100).plus(1)));
    if (!target.gt(0)) throw new AdminError(400, 'the jump would leave no price');
    this.rt.world.setPrice(market, target);
    return wire(target);
  }

  /** Sets available balances of an account, e.g. `{ KRW: '1000000' }` (locked is untouched). */
  setBalances(accessKey: string, balances: Readonly<Record<string, string>>): void {
    this.account(accessKey);
    const parsed = Object.fromEntries(Object.entries(balances).map(([c, v]) => [c, amount(v, c)]));
    this.rt.world.exchange.setBalances(accessKey, parsed);
  }

  /** The balances of an account. */
  balances(accessKey: string): BalanceSummary[] {
    return this.account(accessKey)
      .ledger.list()
      .map((h) => ({
        currency: h.currency,
        balance: wire(h.balance),
        locked: wire(h.locked),
        avgBuyPrice: wire(h.avgBuyPrice),
      }));
  }

  /**
   * Places an order on an account as another client of it would (the Upbit app, a second bot, a
   * leaked key): the checks, matching, balances and private-socket frames of `POST /v1/orders`.
   * A refused order is a 400 naming Upbit's error. Returns the order as accepted.
   */
  placeOrderAs(accessKey: string, body: unknown): Record<string, unknown> {
    this.account(accessKey);
    const result = this.rt.world.exchange.placeOrder(accessKey, body);
    if (E.isLeft(result)) throw new AdminError(400, `${result.left.name}: ${result.left.message}`);
    return orderView(result.right);
  }

  /** Opens another account (keys must be new). */
  addAccount(a: AccountOptions): void {
    if (this.rt.world.exchange.account(a.accessKey))
      throw new AdminError(400, `account ${a.accessKey} exists`);
    this.rt.world.exchange.addAccount(a);
    if (a.balances) this.setBalances(a.accessKey, a.balances);
  }

  /** Every order the exchange accepted (REST shape with `trades[]`, plus `access_key`), oldest first. */
  orders(filter: OrderFilter = {}): Array<Record<string, unknown>> {
    return this.#matching(filter).map((o) => ({ access_key: o.accessKey, ...orderView(o, true) }));
  }

  /** How many orders the exchange accepted that match (nothing rendered: cheap to poll). */
  orderCount(filter: OrderFilter = {}): number {
    return this.#matching(filter).length;
  }

  #matching(filter: OrderFilter) {
    return this.rt.world.exchange
      .allOrders(filter.accessKey)
      .filter(
        (o) =>
          (filter.market === undefined || o.market === filter.market) &&
          (filter.identifier === undefined || o.identifier === filter.identifier) &&
          (filter.side === undefined || o.side === filter.side),
      );
  }

  /** The fault settings now. */
  faults(): FaultSettings {
    return this.rt.faults.settings;
  }

  /** Merges fault settings; returns the result. */
  setFaults(patch: Partial<FaultSettings>): FaultSettings {
    return this.rt.faults.update(patch);
  }

  /** Turns every fault off. */
  clearFaults(): void {
    this.rt.faults.clear();
  }

  /** Drops WebSocket connections abruptly; returns how many. */
  dropWebSockets(kind: 'all' | 'public' | 'private' = 'all'): number {
    return this.rt.hub.drop(kind);
  }

  /**
   * Changes a key's access at run time: `revoked` (401 `invalid_access_key`), `expired`
   * (`expired_access_key`), `ip-not-allowed` (`no_authorization_ip`, or the older
   * `no_authorization_i_p` with `oldIpSpelling`), `ok`; `orderPermission: false` answers order
   * writes 403 `out_of_scope`. A key that stops working also loses its private WebSockets (and
   * their upgrades are refused with the same answer). Returns the key's settings.
   */
  setKeyAccess(accessKey: string, patch: Partial<KeyAccessSettings>): KeyAccessSettings {
    this.account(accessKey);
    const next = this.rt.keys.update(accessKey, patch);
    if (next.key !== 'ok') this.rt.hub.dropKey(accessKey);
    return next;
  }

  /** A key's run-time access. */
  keyAccess(accessKey: string): KeyAccessSettings {
    this.account(accessKey);
    return this.rt.keys.get(accessKey);
  }

  /** Freezes open WebSocket connections without closing them; returns how many. */
  freezeWebSockets(kind: 'all' | 'public' | 'private' = 'all'): number {
    return this.rt.hub.freeze(kind);
  }

  /** Thaws every frozen WebSocket connection; returns how many. */
  thawWebSockets(): number {
    return this.rt.hub.thaw();
  }

  /** Signed requests (by endpoint, refused ones) and WebSocket handshakes since the last reset. */
  traffic(): TrafficCounts {
    return this.rt.traffic.counts();
  }

  /** Starts the traffic counts over. */
  resetTraffic(): void {
    this.rt.traffic.reset();
  }

  /** Open WebSocket connections by kind. */
  connections(): { public: number; private: number } {
    return this.rt.hub.counts();
  }

  /** The rate-limit settings now. */
  rateLimits(): RateLimitSettings {
    return this.rt.limiter.settings;
  }

  /** Changes rate limiting (e.g. `{ enabled: false }`); windows and blocks start over. */
  setRateLimits(patch: RateLimitPatch): RateLimitSettings {
    this.rt.limiter.settings = {
      ...this.rt.limiter.settings,
      ...patch,
      groups: { ...this.rt.limiter.settings.groups, ...patch.groups },
    };
    this.rt.limiter.reset();
    return this.rt.limiter.settings;
  }

  /** Back to the configured start: markets, accounts, orders, faults, rate limits (connections stay). */
  reset(): void {
    this.rt.reset();
  }

  private market(code: string) {
    const m = this.rt.world.board.get(code);
    if (!m) throw new AdminError(404, `no market ${code}`);
    return m;
  }

  private account(accessKey: string) {
    const a = this.rt.world.exchange.account(accessKey);
    if (!a) throw new AdminError(404, `no account ${accessKey}`);
    return a;
  }
}
