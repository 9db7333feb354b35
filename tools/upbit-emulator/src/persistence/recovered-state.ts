import { existsSync, readFileSync } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { type Decimal, decodeWith } from '@hoga/model';
import type { Holding } from '../exchange/ledger.js';
import type { Order } from '../exchange/order.js';
import { ManualClock } from '../util/clock.js';
import { replayRecord, stateOfWorld, worldOfSnapshot } from './input-replay.js';
import { readJournal, StateStoreError, type TornRecord } from './journal-file.js';
import { InputRecordC } from './input-record-codec.js';
import { JournalChangeC } from './state-record-codec.js';
import {
  orderOf,
  SnapshotC,
  type Snapshot,
  type SnapshotV2C,
  type StoredAccount,
} from './snapshot-codec.js';
import type * as t from 'io-ts';

/** One account as recovered: keys, every holding, every identifier it used. */
export interface RecoveredAccount {
  readonly spec: StoredAccount;
  readonly holdings: Map<string, Holding>;
  readonly identifiers: Set<string>;
}

/** The state a snapshot plus its journal describe. */
export interface RecoveredState {
  /** False when neither a snapshot nor a journal record existed (a fresh state). */
  readonly restored: boolean;
  /** The last journal record applied. */
  readonly seq: number;
  /** How many times this state was opened before. */
  readonly generation: number;
  readonly accounts: Map<string, RecoveredAccount>;
  /** Every order by uuid, in acceptance order. */
  readonly orders: Map<string, Order>;
  readonly prices: Map<string, Decimal>;
  /** Journal records applied over the snapshot. */
  readonly replayed: number;
  /** The last record, cut short by a crash, that was ignored. */
  readonly torn: TornRecord | undefined;
}

function readSnapshot(path: string): Snapshot | undefined {
  if (!existsSync(path)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new StateStoreError(`state snapshot ${path} is not JSON`);
  }
  const decoded = decodeWith(SnapshotC, json);
  if (E.isLeft(decoded))
    throw new StateStoreError(`state snapshot ${path} is unusable: ${decoded.left.message}`);
  return decoded.right;
}

/**
 * Reads the snapshot at `path` and the journal at `journalPath` and folds them into one
 * state. A snapshot of version 2 is followed by input records (format 3): the snapshot's
 * state is rebuilt in a world with the rules, books and uuid stream it was taken with, and
 * every input after its `seq` runs again through the exchange at its recorded time. A
 * snapshot of version 1 (or none) is followed by state records (formats 1 and 2, written by
 * earlier versions), upserted over it. A gap in the record numbers, an undecodable record, an
 * input that does not replay as it ran or a damaged snapshot is refused
 * ({@link StateStoreError}); a torn last record is reported and skipped.
 */
export function recoverState(path: string, journalPath: string): RecoveredState {
  const snapshot = readSnapshot(path);
  const journal = readJournal(journalPath);
  if (snapshot?.version === 2) return replayInputs(snapshot, journal, journalPath);
  return upsertStates(snapshot, journal, journalPath);
}

function replayInputs(
  snapshot: t.TypeOf<typeof SnapshotV2C>,
  journal: ReturnType<typeof readJournal>,
  journalPath: string,
): RecoveredState {
  const clock = new ManualClock(Date.parse(snapshot.savedAt));
  const world = worldOfSnapshot(snapshot, clock);
  let seq = snapshot.seq;
  let replayed = 0;
  for (const [i, raw] of journal.records.entries()) {
    const decoded = decodeWith(InputRecordC, raw);
    if (E.isLeft(decoded))
      throw new StateStoreError(
        `journal ${journalPath} record ${i + 1} is unusable: ${decoded.left.message}`,
      );
    const r = decoded.right;
    if (r.s <= seq) continue; // already in the snapshot (a crash between snapshot and truncation)
    if (r.s !== seq + 1)
      throw new StateStoreError(
        `journal ${journalPath} skips from record ${seq} to ${r.s}: records are missing`,
      );
    replayRecord(world, clock, r, `journal ${journalPath}`);
    seq = r.s;
    replayed++;
  }
  return {
    restored: true,
    seq,
    generation: snapshot.generation + 1,
    ...stateOfWorld(world),
    replayed,
    torn: journal.torn,
  };
}

function upsertStates(
  snapshot: Snapshot | undefined,
  journal: ReturnType<typeof readJournal>,
  journalPath: string,
): RecoveredState {
  const accounts = new Map<string, RecoveredAccount>(
    (snapshot?.accounts ?? []).map(({ holdings, identifiers, ...spec }) => [
      spec.accessKey,
      {
        spec,
        holdings: new Map(holdings.map((h) => [h.currency, h])),
        identifiers: new Set(identifiers),
      },
    ]),
  );
  // this function's own objects (decoded from the files): changed in place by deltas
  const orders = new Map((snapshot?.orders ?? []).map((o) => [o.uuid, o]));
  const prices = new Map(Object.entries(snapshot?.prices ?? {}));
  let seq = snapshot?.seq ?? 0;
  let replayed = 0;
  for (const [i, raw] of journal.records.entries()) {
    const decoded = decodeWith(JournalChangeC, raw);
    if (E.isLeft(decoded))
      throw new StateStoreError(
        `journal ${journalPath} record ${i + 1} is unusable: ${decoded.left.message}`,
      );
    const r = decoded.right;
    if (r.s <= seq) continue; // already in the snapshot (a crash between snapshot and truncation)
    if (r.s !== seq + 1)
      throw new StateStoreError(
        `journal ${journalPath} skips from record ${seq} to ${r.s}: records are missing`,
      );
    for (const spec of r.a)
      if (!accounts.has(spec.accessKey))
        accounts.set(spec.accessKey, { spec, holdings: new Map(), identifiers: new Set() });
    const accountOf = (key: string): RecoveredAccount => {
      const a = accounts.get(key);
      if (!a)
        throw new StateStoreError(
          `journal ${journalPath} record ${r.s} changes unknown account ${key.slice(0, 8)}…`,
        );
      return a;
    };
    for (const [accessKey, currency, balance, locked, avgBuyPrice] of r.h)
      accountOf(accessKey).holdings.set(currency, { currency, balance, locked, avgBuyPrice });
    for (const [accessKey, identifier] of r.i) accountOf(accessKey).identifiers.add(identifier);
    for (const o of r.o) {
      accountOf(o.accessKey);
      orders.set(o.uuid, o);
    }
    for (const d of r.d) {
      const o = orders.get(d.uuid);
      if (!o)
        throw new StateStoreError(
          `journal ${journalPath} record ${r.s} changes unknown order ${d.uuid}`,
        );
      if (o.trades.length !== d.tradesBefore)
        throw new StateStoreError(
          `journal ${journalPath} record ${r.s} adds fills to order ${d.uuid} after fill ` +
            `${d.tradesBefore}, but it has ${o.trades.length}`,
        );
      // the recovered orders are this function's own objects: changed in place
      Object.assign(o, d.changes);
      o.trades.push(...d.fills);
    }
    for (const [market, price] of Object.entries(r.p)) prices.set(market, price);
    seq = r.s;
    replayed++;
  }
  const restored = snapshot !== undefined || replayed > 0;
  return {
    restored,
    seq,
    generation: snapshot ? snapshot.generation + 1 : restored ? 1 : 0,
    accounts,
    orders: new Map([...orders].map(([uuid, o]) => [uuid, orderOf(o)])),
    prices,
    replayed,
    torn: journal.torn,
  };
}
