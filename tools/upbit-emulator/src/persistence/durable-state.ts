import type { Decimal } from '@hoga/model';
import type { EmulatorConfig } from '../config/resolve-options.js';
import type { Account } from '../exchange/account.js';
import type { OrderChange } from '../exchange/exchange.js';
import type { Holding } from '../exchange/ledger.js';
import { isOpen, type OrderSnapshot } from '../exchange/order.js';
import type { PublicTrade } from '../market/market-history.js';
import { createWorld, type World, type WorldListener } from '../world.js';
import {
  FSYNC_POLICIES,
  JournalWriter,
  StateStoreError,
  writeFileAtomic,
  type FsyncPolicy,
  type TornRecord,
} from './journal-file.js';
import { recoverState, type RecoveredState } from './recovered-state.js';
import type * as t from 'io-ts';
import { changeRecordText } from './record-text.js';
import {
  accountSpecOf,
  encodeOrder,
  orderOf,
  storedAccountOf,
  type SnapshotC,
} from './state-codec.js';

/** Where and how the emulator keeps its account state (`startEmulator({ persistence })`). */
export interface PersistenceOptions {
  /** The snapshot file; the journal is `<path>.journal` beside it. */
  readonly path: string;
  /** When journal writes reach the disk (default `batch`); see {@link FsyncPolicy}. */
  readonly fsync?: FsyncPolicy;
  /** Journal size that triggers a snapshot and an empty journal (default 8 MiB). */
  readonly compactBytes?: number;
}

/** What the store did: recovery at start, and the journal since. */
export interface PersistenceStatus {
  readonly path: string;
  readonly journalPath: string;
  readonly fsync: FsyncPolicy;
  /** True when the state was restored from an earlier run. */
  readonly restored: boolean;
  /** Runs of this state before this one. */
  readonly generation: number;
  /** Journal records replayed over the snapshot at start. */
  readonly replayed: number;
  /** A last journal record cut short by a crash, ignored at start. */
  readonly torn: TornRecord | undefined;
  /** The last record written. */
  readonly seq: number;
  readonly journalBytes: number;
  /** Snapshots written since the start (the one at start included). */
  readonly snapshots: number;
  /** The last write failure, if any (the state on disk may then lag the exchange). */
  readonly lastError: string | undefined;
}

const DEFAULT_COMPACT_BYTES = 8 * 1024 * 1024;

/**
 * The emulator's account state made durable: every change of balances, orders, trades and used
 * identifiers (and the markets' last prices) is appended to a journal as one record per
 * event-loop turn (group commit: the requests and price steps of one turn), written to the kernel before
 * any answer or private WebSocket frame about it leaves; a snapshot replaces the journal when
 * it grows, at start and at stop. See ADR 0032.
 */
export class DurableState {
  readonly #path: string;
  readonly #journalPath: string;
  readonly #fsync: FsyncPolicy;
  readonly #compactBytes: number;
  readonly #log: (line: string) => void;
  #recovered: RecoveredState | undefined;
  readonly #start: Pick<RecoveredState, 'restored' | 'generation' | 'replayed' | 'torn'>;
  #world: World | undefined;
  #journal: JournalWriter | undefined;
  #seq: number;
  #snapshots = 0;
  #lastError: string | undefined;
  #broken = false;
  readonly #known = new Set<string>();
  /**
   * Each open order as the journal last holds it (in a record or the snapshot after it): its
   * next change is written as a delta from it. A finished order leaves (it never changes again).
   */
  readonly #written = new Map<string, OrderSnapshot>();
  /** Each holding as the journal last holds it (the ledger replaces a holding it changes). */
  readonly #heldWritten = new Map<string, Holding>();
  // the batch being collected until the end of the event-loop turn (setImmediate)
  #scheduled = false;
  #immediate = false;
  readonly #orders = new Map<string, OrderSnapshot>();
  readonly #holdings = new Map<string, { accessKey: string; holding: Holding }>();
  readonly #identifiers: Array<[string, string]> = [];
  readonly #markets = new Set<string>();
  readonly #touched = new Set<string>();
  #after: Array<() => void> = [];

  private constructor(options: PersistenceOptions, log: (line: string) => void) {
    const fsync = options.fsync ?? 'batch';
    if (!FSYNC_POLICIES.includes(fsync))
      throw new StateStoreError(`fsync must be one of ${FSYNC_POLICIES.join(', ')}`);
    this.#path = options.path;
    this.#journalPath = `${options.path}.journal`;
    this.#fsync = fsync;
    this.#compactBytes = options.compactBytes ?? DEFAULT_COMPACT_BYTES;
    this.#log = log;
    const recovered = recoverState(this.#path, this.#journalPath);
    this.#recovered = recovered;
    this.#start = recovered;
    this.#seq = recovered.seq;
    if (recovered.torn)
      log(
        `state: the last journal record (line ${recovered.torn.line}, ${recovered.torn.bytes} bytes, ` +
          `${recovered.torn.reason}) was cut short by a crash and is ignored`,
      );
  }

  /** Reads the state at `options.path` (refusing a damaged one with {@link StateStoreError}). */
  static open(options: PersistenceOptions, log: (line: string) => void): DurableState {
    return new DurableState(options, log);
  }

  /**
   * Builds the world of `config` with the recovered state in it (balances, orders, used
   * identifiers, last prices; a new uuid stream per run so no uuid repeats), writes a
   * snapshot and starts an empty journal. `listener` hears every change after it is journaled.
   */
  createWorld(config: EmulatorConfig, listener: WorldListener): World {
    const recovered = this.#recovered;
    this.#recovered = undefined;
    const generation = this.#start.generation;
    const seed = generation === 0 ? config.seed : `${String(config.seed)}#run-${generation}`;
    const prices = recovered?.prices ?? new Map<string, Decimal>();
    const world = createWorld(
      {
        ...config,
        seed,
        markets: config.markets.map((m) => ({
          ...m,
          startPrice: prices.get(m.spec.market) ?? m.startPrice,
        })),
      },
      this.#journaling(listener),
    );
    for (const a of recovered?.accounts.values() ?? []) {
      const account =
        world.exchange.account(a.spec.accessKey) ??
        world.exchange.addAccount(accountSpecOf(a.spec));
      account.ledger.restore([...a.holdings.values()]);
      for (const id of a.identifiers) account.identifiers.add(id);
    }
    for (const o of recovered?.orders.values() ?? []) world.exchange.restoreOrder(orderOf(o));
    return this.#adopt(world);
  }

  /** `admin.reset()`: a fresh world from `config` replaces the state (snapshot, empty journal). */
  resetWorld(config: EmulatorConfig, listener: WorldListener): World {
    this.commit();
    const generation = this.#start.generation;
    const seed = generation === 0 ? config.seed : `${String(config.seed)}#run-${generation}`;
    return this.#adopt(createWorld({ ...config, seed }, this.#journaling(listener)));
  }

  /**
   * Resolves once every change made so far is in the journal (undefined when none is waiting):
   * every answer about the account — REST, admin — waits on it, so no client learns of a change
   * a crash can still lose. Changes of one event-loop turn share one record and one `write`.
   */
  journaled(): Promise<void> | undefined {
    if (!this.#scheduled) return undefined;
    return new Promise<void>((resolve) => this.#after.push(resolve));
  }

  /** Writes the changes collected so far as one journal record, then lets their frames out. */
  commit(): void {
    this.#scheduled = false;
    const after = this.#after;
    this.#after = [];
    if (this.#world && this.#hasChanges()) this.#write(this.#world);
    for (const deliver of after) deliver();
  }

  /** Writes what is pending and a final snapshot; closes the journal. */
  async close(): Promise<void> {
    this.commit();
    if (this.#world) this.#compact(this.#world);
    await this.#journal?.close();
    this.#journal = undefined;
  }

  status(): PersistenceStatus {
    return {
      path: this.#path,
      journalPath: this.#journalPath,
      fsync: this.#fsync,
      restored: this.#start.restored,
      generation: this.#start.generation,
      replayed: this.#start.replayed,
      torn: this.#start.torn,
      seq: this.#seq,
      journalBytes: this.#journal?.size ?? 0,
      snapshots: this.#snapshots,
      lastError: this.#lastError,
    };
  }

  #adopt(world: World): World {
    this.#world = world;
    this.#known.clear();
    this.#written.clear();
    this.#heldWritten.clear();
    this.#compact(world);
    return world;
  }

  /** The listener the world reports to: records each change, delays private frames to the commit. */
  #journaling(inner: WorldListener): WorldListener {
    return {
      marketTraded: (trade: PublicTrade) => {
        this.#markets.add(trade.market);
        this.#schedule();
        inner.marketTraded(trade);
      },
      orderChanged: (order: OrderSnapshot, change: OrderChange) => {
        this.#orders.set(order.uuid, order);
        this.#touched.add(order.accessKey);
        this.#schedule(() => inner.orderChanged(order, change));
      },
      assetsChanged: (accessKey: string, holdings: readonly Holding[]) => {
        for (const holding of holdings) {
          const key = `${accessKey}\u0000${holding.currency}`;
          // reported but not changed since the journal wrote it: nothing to write again
          if (this.#heldWritten.get(key) === holding && !this.#holdings.has(key)) continue;
          this.#holdings.set(key, { accessKey, holding });
        }
        this.#touched.add(accessKey);
        this.#schedule(() => inner.assetsChanged(accessKey, holdings));
      },
      identifierClaimed: (accessKey: string, identifier: string) => {
        this.#identifiers.push([accessKey, identifier]);
        this.#touched.add(accessKey);
        this.#schedule();
        inner.identifierClaimed?.(accessKey, identifier);
      },
    };
  }

  #schedule(deliver?: () => void): void {
    if (deliver) this.#after.push(deliver);
    if (this.#scheduled) return;
    this.#scheduled = true;
    // an immediate still queued (an explicit commit() came before it) commits these changes too
    if (this.#immediate) return;
    this.#immediate = true;
    // group commit: everything the turn's I/O callbacks change goes into one record
    setImmediate(() => {
      this.#immediate = false;
      this.commit();
    });
  }

  #hasChanges(): boolean {
    return (
      this.#orders.size > 0 ||
      this.#holdings.size > 0 ||
      this.#identifiers.length > 0 ||
      this.#markets.size > 0
    );
  }

  #write(world: World): void {
    const accounts: Account[] = [];
    for (const k of this.#touched)
      if (!this.#known.has(k)) {
        const account = world.exchange.account(k);
        if (account) accounts.push(account);
      }
    const seq = this.#seq + 1;
    const prices: Array<[string, Decimal]> = [];
    for (const m of this.#markets) {
      const market = world.board.get(m);
      if (market) prices.push([m, market.price]);
    }
    // prices alone: nothing of an account is lost if a power cut takes them
    const pricesOnly =
      accounts.length + this.#holdings.size + this.#identifiers.length + this.#orders.size === 0;
    const text = changeRecordText({
      seq,
      accounts: accounts.map(storedAccountOf),
      holdings: this.#holdings.values(),
      identifiers: this.#identifiers.splice(0),
      orders: this.#orders.values(),
      written: this.#written,
      prices,
    });
    for (const o of this.#orders.values())
      if (isOpen(o)) this.#written.set(o.uuid, o);
      else this.#written.delete(o.uuid);
    this.#orders.clear();
    for (const [key, { holding }] of this.#holdings) this.#heldWritten.set(key, holding);
    this.#holdings.clear();
    this.#markets.clear();
    this.#touched.clear();
    for (const a of accounts) this.#known.add(a.accessKey);
    try {
      if (this.#broken || !this.#journal) throw new Error('journal unavailable');
      this.#journal.appendJson(text, pricesOnly);
      this.#seq = seq;
    } catch (e) {
      // A failed append may have left part of a record: a full snapshot replaces the journal.
      this.#failed('journal append', e);
      this.#seq = seq;
      this.#compact(world);
      return;
    }
    if (this.#journal.size >= this.#compactBytes) this.#compact(world);
  }

  /** Writes the whole state as a snapshot (atomically), then empties the journal. */
  #compact(world: World): void {
    try {
      const snapshot: t.OutputOf<typeof SnapshotC> = {
        format: 'hoga-upbit-emulator-state',
        version: 1,
        seq: this.#seq,
        generation: this.#start.generation,
        savedAt: new Date(world.clock.now()).toISOString(),
        accounts: world.exchange.allAccounts().map((a) => ({
          ...storedAccountOf(a),
          holdings: a.ledger.list().map((h) => ({
            currency: h.currency,
            balance: h.balance.toString(),
            locked: h.locked.toString(),
            avgBuyPrice: h.avgBuyPrice.toString(),
          })),
          identifiers: [...a.identifiers],
        })),
        orders: world.exchange.allOrders().map(encodeOrder),
        prices: Object.fromEntries(world.board.list().map((m) => [m.code, m.price.toString()])),
      };
      writeFileAtomic(this.#path, `${JSON.stringify(snapshot)}\n`);
      for (const a of world.exchange.allAccounts()) this.#known.add(a.accessKey);
      this.#snapshots++;
      if (this.#journal) this.#journal.truncate();
      else
        this.#journal = new JournalWriter(this.#journalPath, this.#fsync, (e) =>
          this.#failed('journal fsync', e),
        );
      this.#broken = false;
    } catch (e) {
      this.#broken = true;
      this.#failed('snapshot', e);
    }
  }

  #failed(what: string, e: unknown): void {
    this.#lastError = `${what} failed: ${e instanceof Error ? e.message : String(e)}`;
    this.#log(`state: ${this.#lastError}; the state on disk lags the exchange`);
  }
}
