import { Decimal } from '@hoga/model';
import type { PositionSnapshot } from '@hoga/position';

/**
 * The schema of stored position snapshots. Bump it whenever `PositionSnapshot` changes shape:
 * a snapshot of another schema is ignored and the stream is replayed from the start.
 */
export const SNAPSHOT_SCHEMA_VERSION = 2;

const DECIMAL_TAG = '$dec';

/** JSON of a value holding exact decimals: each decimal becomes `{ "$dec": "<digits>" }`. */
function toJson(value: unknown): unknown {
  if (value instanceof Decimal) return { [DECIMAL_TAG]: value.toString() };
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  return value;
}

function fromJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromJson);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const tagged = record[DECIMAL_TAG];
    if (typeof tagged === 'string' && Object.keys(record).length === 1) return new Decimal(tagged);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, fromJson(v)]));
  }
  return value;
}

/** A position snapshot as stored JSON (exact decimals kept as strings). */
export const encodeSnapshot = (snapshot: PositionSnapshot): unknown => toJson(snapshot);

/**
 * A stored position snapshot back (same schema version only). The shape is not re-validated:
 * the snapshot was written by this code at this schema version; the restart test checks
 * that a restored position equals the replay of its events (I4).
 */
export const decodeSnapshot = (state: unknown): PositionSnapshot =>
  fromJson(state) as PositionSnapshot;
