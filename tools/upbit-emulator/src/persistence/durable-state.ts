import type { Decimal } from '@hoga/model';
import type { EmulatorConfig } from '../config/resolve-options.js';
import type { AccountSpec } from '../exchange/account.js';
import type { OrderChange } from '../exchange/exchange.js';
import type { Holding } from '../exchange/ledger.js';
import type { OrderSnapshot } from '../exchange/order.js';
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
import { performance } from 'node:perf_hooks';
import {
  accountInputText,
  balancesInputText,
  cancelInputText,
  inputRecordText,
  orderInputText,
  tradeInputText,
} from './record-text.js';
import { accountSpecOf, worldSnapshot } from './snapshot-codec.js';

/** The journal of the snapshot at `snapshotPath`: `<snapshotPath>.journal`, beside it. */
export const journalPathOf = (snapshotPath: string): string => `${snapshotPath}.journal`;

/** Where and how the emulator keeps its account state (`startEmulator({ persistence })`). */
export interface PersistenceOptions {
  /** The snapshot file; the journal is `<path>.journal` beside it. */
  readonly path: string;
  /** When journal writes reach the disk (default `batch`); see {@link FsyncPolicy}. */
  readonly fsync?: FsyncPolicy;
  /** Journal size that triggers a snapshot and an empty journal (default 8 MiB). */
  readonly compactBytes?: number;
  /**
   * Journal inputs that trigger a snapshot and an empty journal (default 10,000): bounds what
   * a start after a crash replays through the exchange (about as long as running them took).
   */
  readonly compactInputs?: number;
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
  /** How long reading the snapshot and replaying the journal took at start (ms). */
  readonly recoveryMs: number;
  /** A last journal record cut short by a crash, ignored at start. */
  readonly torn: TornRecord | undefined;
  /** The last record written. */
  readonly seq: number;
  readonly journalBytes: number;
  /** Bytes appended to the journal since the start, over compactions. */
  readonly appendedBytes: number;
  /** Snapshots written since the start (the one at start included). */
  readonly snapshots: number;
  /**
   * The journal's background flushes (fdatasync) since the start, and the time they took in all
   * (ms): under `fsync always` an answer about the account waits for one, so `flushMs / flushes`
   * is what each such answer costs at least (ADR 0032 addendum 7).
   */
  readonly flushes: number;
  readonly flushMs: number;
  /** The last write failure, if any (the state on disk may then lag the exchange). */
  readonly lastError: string | undefined;
}

const DEFAULT_COMPACT_BYTES = 8 * 1024 * 1024;
const DEFAULT_COMPACT_INPUTS = 10_000;

/**
 * The emulator's account state made durable: every input that changes balances, orders,
 * trades or used identifiers (an order request, a cancel, a market trade, an operator's
 * balance or account) is appended to a journal, one record per event-loop turn (group commit:
 * the requests and price steps of one turn), written to the kernel before any answer or
 * private WebSocket frame about it leaves; recovery runs the inputs again through the exchange
 * over the last snapshot. A snapshot replaces the journal when it grows, at start and at stop.
 * See ADR 0032 and its addendum.
 */
export class DurableState {
  readonly #path: string;
  readonly #journalPath: string;
  readonly #fsync: FsyncPolicy;
  readonly #compactBytes: number;
  readonly #log: (line: string) => void;
  #recovered: RecoveredState | undefined;
  readonly #start: Pick<RecoveredState, 'restored' | 'generation' | 'replayed' | 'torn'> & {
    readonly recoveryMs: number;
  };
  #world: World | undefined;
  #journal: JournalWriter | undefined;
  #seq: number;
  #appended = 0;
  #snapshots = 0;
  #lastError: string | undefined;
  #broken = false;
  /** The closed journal's flush figures (status after close). */
  #flushed = { flushes: 0, flushMs: 0 };
  readonly #compactInputs: number;
  #inputsSinceSnapshot = 0;
  // the record being collected until the end of the event-loop turn (setImmediate): the
  // inputs' texts joined by commas, and whether one of them changed an account
  #pending = '';
  #pendingInputs = 0;
  #accountChanged = false;
  #scheduled = false;
  #immediate = false;
  #after: Array<() => void> = [];

  private constructor(options: PersistenceOptions, log: (line: string) => void) {
    const fsync = options.fsync ?? 'batch';
    if (!FSYNC_POLICIES.includes(fsync))
      throw new StateStoreError(`fsync must be one of ${FSYNC_POLICIES.join(', ')}`);
    this.#path = options.path;
    this.#journalPath = journalPathOf(options.path);
    this.#fsync = fsync;
    this.#compactBytes = options.compactBytes ?? DEFAULT_COMPACT_BYTES;
    this.#compactInputs = options.compactInputs ?? DEFAULT_COMPACT_INPUTS;
    this.#log = log;
    const started = performance.now();
    const recovered = recoverState(this.#path, this.#journalPath);
    this.#recovered = recovered;
    this.#start = { ...recovered, recoveryMs: performance.now() - started };
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
    for (const o of recovered?.orders.values() ?? []) world.exchange.restoreOrder(o);
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
   * Under `fsync always` it also waits for the flush that puts them on the disk: a reader never
   * sees a change a power cut can still take.
   */
  journaled(): Promise<void> | undefined {
    if (!this.#scheduled && !this.#journal?.flushing) return undefined;
    return new Promise<void>((resolve) => {
      if (this.#scheduled) this.#after.push(resolve);
      else this.#journal!.whenDurable(() => resolve());
    });
  }

  /**
   * Writes the changes collected so far as one journal record, then lets their frames and
   * answers out: at once, or under `fsync always` when the record is on the disk (the event loop
   * goes on matching during the flush; the next turn's changes go into the next record).
   */
  commit(): void {
    this.#scheduled = false;
    const after = this.#after;
    this.#after = [];
    if (this.#world && this.#pending !== '') this.#write(this.#world);
    if (after.length === 0) return;
    const deliver = () => {
      for (const d of after) d();
    };
    if (!this.#journal) return deliver();
    this.#journal.whenDurable((error) => {
      // a failed flush: the full snapshot (written and flushed at once) takes its place
      if (error !== undefined && this.#world) this.#compact(this.#world);
      deliver();
    });
  }

  /** Writes what is pending and a final snapshot; closes the journal. */
  async close(): Promise<void> {
    this.commit();
    if (this.#world) this.#compact(this.#world);
    await this.#journal?.close();
    if (this.#journal) this.#flushed = this.#journal.flushStats;
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
      recoveryMs: this.#start.recoveryMs,
      torn: this.#start.torn,
      seq: this.#seq,
      journalBytes: this.#journal?.size ?? 0,
      appendedBytes: this.#appended,
      snapshots: this.#snapshots,
      ...(this.#journal?.flushStats ?? this.#flushed),
      lastError: this.#lastError,
    };
  }

  #adopt(world: World): World {
    this.#world = world;
    this.#compact(world);
    return world;
  }

  /**
   * The listener the world reports to: journals each input, delays private frames to the
   * commit. A market trade is journaled as it happens, before the resting orders it fills.
   */
  #journaling(inner: WorldListener): WorldListener {
    return {
      marketTraded: (trade: PublicTrade) => {
        this.#input(tradeInputText(trade.timestamp, trade.market, trade.price), false);
        inner.marketTraded(trade);
      },
      orderChanged: (order: OrderSnapshot, change: OrderChange) => {
        this.#accountChanged = true;
        this.#schedule(() => inner.orderChanged(order, change));
      },
      assetsChanged: (accessKey: string, holdings: readonly Holding[]) => {
        this.#accountChanged = true;
        this.#schedule(() => inner.assetsChanged(accessKey, holdings));
      },
      inputs: {
        orderPlaced: (
          at: number,
          accessKey: string,
          body: unknown,
          uuid: string | undefined,
          text: string | undefined,
        ) => this.#input(orderInputText(at, accessKey, body, uuid, text), true),
        orderCancelled: (at: number, accessKey: string, uuid: string) =>
          this.#input(cancelInputText(at, accessKey, uuid), true),
        balancesSet: (accessKey: string, balances: Readonly<Record<string, Decimal>>) =>
          this.#input(balancesInputText(accessKey, balances), true),
        accountOpened: (spec: AccountSpec) => this.#input(accountInputText(spec), true),
      },
    };
  }

  #input(text: string, account: boolean): void {
    this.#pending = this.#pending === '' ? text : `${this.#pending},${text}`;
    this.#pendingInputs++;
    if (account) this.#accountChanged = true;
    this.#schedule();
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

  #write(world: World): void {
    const seq = this.#seq + 1;
    const text = inputRecordText(seq, this.#pending, world.idState().words);
    // prices alone: nothing of an account is lost if a power cut takes them
    const pricesOnly = !this.#accountChanged;
    this.#inputsSinceSnapshot += this.#pendingInputs;
    this.#pending = '';
    this.#pendingInputs = 0;
    this.#accountChanged = false;
    try {
      if (this.#broken || !this.#journal) throw new Error('journal unavailable');
      this.#appended += this.#journal.appendJson(text, pricesOnly);
      this.#seq = seq;
    } catch (e) {
      // A failed append may have left part of a record: a full snapshot replaces the journal.
      this.#failed('journal append', e);
      this.#seq = seq;
      this.#compact(world);
      return;
    }
    if (
      this.#journal.size >= this.#compactBytes ||
      this.#inputsSinceSnapshot >= this.#compactInputs
    )
      this.#compact(world);
  }

  /** Writes the whole state as a snapshot (atomically), then empties the journal. */
  #compact(world: World): void {
    try {
      const snapshot = worldSnapshot(world, this.#seq, this.#start.generation);
      writeFileAtomic(this.#path, `${JSON.stringify(snapshot)}\n`);
      // the snapshot holds what the inputs collected so far did (an adopted world's accounts)
      this.#pending = '';
      this.#pendingInputs = 0;
      this.#accountChanged = false;
      this.#inputsSinceSnapshot = 0;
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
