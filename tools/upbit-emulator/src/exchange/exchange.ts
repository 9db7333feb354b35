import * as E from 'fp-ts/lib/Either.js';
import type { Decimal } from '@hoga/model';
import type { MarketBoard } from '../market/market-board.js';
import type { PublicTrade } from '../market/market-history.js';
import { levelSize } from '../market/synthetic-book.js';
import { openAccount, type Account, type AccountSpec } from './account.js';
import {
  exchangeError,
  orderNotFound,
  validationError,
  type ExchangeError,
} from './exchange-error.js';
import type { Holding } from './ledger.js';
import { planResting } from './matching-engine.js';
import { newOrder } from './new-order.js';
import { checkOrder, type OrderRules } from './order-checks.js';
import {
  applyExecutions,
  executeIncoming,
  finish,
  type ExecutionContext,
} from './order-execution.js';
import { OrderIndex, type OrderRef } from './order-index.js';
import { identifierOf, parseOrderRequest } from './order-request.js';
import {
  baseCurrency,
  isOpen,
  quoteCurrency,
  snapshotOf,
  type Fill,
  type Order,
  type OrderSnapshot,
} from './order.js';

export type { OrderRef } from './order-index.js';

/** What happened to an order, as the private `myOrder` stream reports it. */
export type OrderChange =
  | { readonly kind: 'wait' }
  | { readonly kind: 'trade'; readonly fill: Fill }
  | { readonly kind: 'done' | 'cancel' };

/** Who hears about order and balance changes (the private WebSocket). */
export interface ExchangeListener {
  orderChanged(order: OrderSnapshot, change: OrderChange): void;
  assetsChanged(accessKey: string, holdings: readonly Holding[]): void;
  /**
   * The inputs that changed the exchange, each after it ran (the durable emulator journals
   * them and replays them at recovery, ADR 0032): the time the exchange read once for the
   * input, and what it needs to run it again. Together with the market trades
   * ({@link Exchange.onMarketTrade}) they are every change of accounts and orders.
   */
  readonly inputs?: ExchangeInputs;
}

/** Every input that changes the exchange's accounts and orders (see {@link ExchangeListener.inputs}). */
export interface ExchangeInputs {
  /**
   * `placeOrder` claimed an identifier or accepted an order: the request body as given, the
   * uuid of the accepted order (undefined: refused after its identifier was claimed), and the
   * JSON text the body was parsed from when it came as text (a REST request).
   */
  orderPlaced(
    at: number,
    accessKey: string,
    body: unknown,
    uuid: string | undefined,
    text: string | undefined,
  ): void;
  /** `cancelOrder` cancelled an open order. */
  orderCancelled(at: number, accessKey: string, uuid: string): void;
  /** `setBalances` set these available balances. */
  balancesSet(accessKey: string, balances: Readonly<Record<string, Decimal>>): void;
  /** `addAccount` opened a new account. */
  accountOpened(spec: AccountSpec): void;
}

/**
 * The exchange: accounts, orders and their matching against the market board. Synchronous and
 * deterministic given the clock, the id source and the board.
 */
export class Exchange {
  private readonly accounts = new Map<string, Account>();
  private readonly orders = new OrderIndex();
  private readonly inputs: ExchangeInputs | undefined;

  constructor(
    private readonly board: MarketBoard,
    readonly rules: OrderRules,
    private readonly now: () => number,
    private readonly newId: () => string,
    private readonly listener: ExchangeListener,
    /**
     * The uuids of test orders (`dryRun`): another stream than `newId`'s, so a test order,
     * which changes nothing, does not move the ids of the orders and trades after it either.
     */
    private readonly testId: () => string = newId,
  ) {
    this.inputs = listener.inputs;
  }

  /** Opens an account (or returns the existing one with this access key). */
  addAccount(spec: AccountSpec): Account {
    const existing = this.accounts.get(spec.accessKey);
    if (existing) return existing;
    const account = openAccount(spec);
    this.accounts.set(spec.accessKey, account);
    this.inputs?.accountOpened(spec);
    return account;
  }

  /** The account of an access key. */
  account(accessKey: string): Account | undefined {
    return this.accounts.get(accessKey);
  }

  /** Every account. */
  allAccounts(): Account[] {
    return [...this.accounts.values()];
  }

  /** Sets available balances of an account (operator action); notifies `myAsset`. */
  setBalances(accessKey: string, balances: Readonly<Record<string, Decimal>>): void {
    const account = this.accounts.get(accessKey);
    if (!account) return;
    for (const [currency, amount] of Object.entries(balances))
      account.ledger.setBalance(currency, amount);
    this.inputs?.balancesSet(accessKey, balances);
    this.listener.assetsChanged(
      accessKey,
      Object.keys(balances).map((c) => account.ledger.get(c)),
    );
  }

  /**
   * `POST /v1/orders` (and `/test` with `dryRun`). The identifier is claimed before any other
   * check, so it stays used even when the order is then rejected. Answers the order as
   * accepted (before matching), as Upbit does.
   */
  placeOrder(
    accessKey: string,
    body: unknown,
    dryRun = false,
    /** The JSON text `body` was parsed from (`JSON.parse(text)`), when it came as text. */
    text?: string,
  ): E.Either<ExchangeError, OrderSnapshot> {
    const account = this.accounts.get(accessKey);
    if (!account) return E.left(exchangeError(401, 'invalid_access_key', 'unknown access key'));
    const identifier = identifierOf(body);
    if (identifier !== undefined && account.identifiers.has(identifier)) {
      return E.left(exchangeError(400, 'duplicated_identifier', 'identifier was already used'));
    }
    // one reading of the clock per input: replaying the input at this time repeats it exactly
    const now = this.now();
    const claimed = identifier !== undefined && !dryRun;
    if (claimed) account.identifiers.add(identifier);
    const placed = this.place(account, body, dryRun, now);
    if (claimed || (!dryRun && E.isRight(placed)))
      this.inputs?.orderPlaced(
        now,
        accessKey,
        body,
        E.isRight(placed) ? placed.right.uuid : undefined,
        text,
      );
    return placed;
  }

  private place(
    account: Account,
    body: unknown,
    dryRun: boolean,
    now: number,
  ): E.Either<ExchangeError, OrderSnapshot> {
    const req = parseOrderRequest(body);
    if (E.isLeft(req)) return req;
    const market = this.board.get(req.right.market);
    const checked = checkOrder(req.right, market, account.ledger, this.rules);
    if (E.isLeft(checked)) return checked;
    if (!market) return E.left(validationError(`market ${req.right.market} does not exist`));
    const order = newOrder(
      dryRun ? this.testId() : this.newId(),
      account.accessKey,
      req.right,
      checked.right,
      now,
      this.rules.fees,
    );
    if (dryRun) return E.right(snapshotOf(order));
    account.ledger.lock(checked.right.currency, checked.right.amount);
    const accepted = snapshotOf(order);
    this.listener.orderChanged(accepted, { kind: 'wait' });
    executeIncoming(order, market.currentBook, this.context(account, market.price, now));
    this.orders.add(order);
    this.notifyAssets(account, order.market);
    return E.right(accepted);
  }

  /** `DELETE /v1/order`: answers the order as it was when the cancel was accepted, then cancels it. */
  cancelOrder(accessKey: string, ref: OrderRef): E.Either<ExchangeError, OrderSnapshot> {
    const order = this.orders.find(accessKey, ref);
    if (!order) return E.left(orderNotFound());
    if (!isOpen(order))
      return E.left(exchangeError(404, 'order_not_found', `order is already ${order.state}`));
    const before = snapshotOf(order);
    const account = this.accounts.get(accessKey)!;
    const now = this.now();
    finish(order, this.context(account, this.board.get(order.market)!.price, now), 'cancel');
    this.orders.prune(order.market);
    this.inputs?.orderCancelled(now, accessKey, order.uuid);
    this.notifyAssets(account, order.market);
    return E.right(before);
  }

  /** The order of this account with this uuid (preferred) or identifier. */
  findOrder(accessKey: string, ref: OrderRef): Order | undefined {
    return this.orders.find(accessKey, ref);
  }

  /** Puts back an order of a saved state (persistence); an open one rests again. */
  restoreOrder(order: Order): void {
    this.orders.add(order);
  }

  /** Every order the exchange accepted, oldest first (optionally of one account). */
  allOrders(accessKey?: string): Order[] {
    return this.orders.all(accessKey);
  }

  /**
   * A market trade happened: fill the resting limit orders it reaches (as makers), at the
   * trade's time.
   */
  onMarketTrade(trade: Pick<PublicTrade, 'market' | 'price' | 'timestamp'>): void {
    const market = this.board.get(trade.market);
    if (!market) return;
    const resting = this.orders
      .restingIn(trade.market)
      .map((o) => ({ side: o.side, price: o.price!, remaining: o.remainingVolume!, order: o }));
    const plan = planResting(resting, trade.price, (p) => levelSize(market.spec.book, p));
    const touched = new Set<Account>();
    for (const { order: r, execution } of plan) {
      const account = this.accounts.get(r.order.accessKey)!;
      const ctx = this.context(account, trade.price, trade.timestamp);
      applyExecutions(r.order, [execution], true, ctx);
      if (r.order.remainingVolume!.isZero()) finish(r.order, ctx);
      touched.add(account);
    }
    if (plan.length > 0) this.orders.prune(trade.market);
    for (const account of touched) this.notifyAssets(account, trade.market);
  }

  private context(account: Account, lastPrice: Decimal, now: number): ExecutionContext {
    return {
      ledger: account.ledger,
      rates: this.rules.fees,
      now,
      lastPrice,
      newId: this.newId,
      traded: (o, fill) => this.listener.orderChanged(snapshotOf(o), { kind: 'trade', fill }),
      closed: (o) =>
        this.listener.orderChanged(snapshotOf(o), { kind: o.state === 'done' ? 'done' : 'cancel' }),
    };
  }

  private notifyAssets(account: Account, market: string): void {
    const currencies = [quoteCurrency(market), baseCurrency(market)];
    this.listener.assetsChanged(
      account.accessKey,
      currencies.map((c) => account.ledger.get(c)),
    );
  }
}
