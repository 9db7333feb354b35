import { createHash } from 'node:crypto';
import { Decimal } from '@hoga/model';
import { positionMachine, type PositionSnapshot } from '@hoga/position';

/**
 * The layout of a stored position snapshot. Bump it when `PositionSnapshot` changes shape or an
 * update of the machine folds differently (ADR 0064): a snapshot of another schema is ignored.
 */
const SNAPSHOT_FORMAT = 3;

/**
 * The machine's table as text: every state, and per event its guard, target and update names in
 * order. A change to the graph changes this text, hence the schema version below.
 */
export function machineTable(): string {
  const lines: string[] = [];
  for (const [state, node] of Object.entries(positionMachine.root.states)) {
    lines.push(`${state} ${node.type}`);
    for (const [eventType, defs] of node.transitions)
      for (const d of defs) {
        const guard = typeof d.guard === 'string' ? d.guard : '';
        const target = (d.target ?? []).map((t) => t.key).join(',');
        const updates = d.actions.map((a) => (typeof a === 'string' ? a : '?')).join(',');
        lines.push(`  ${eventType} [${guard}] -> ${target} {${updates}}`);
      }
  }
  return lines.join('\n');
}

/**
 * The schema version stored with a snapshot: the format and the machine table's hash, as a
 * positive int4 (the `snapshots.schema_version` column) above the hand-numbered versions 1–2 of
 * earlier code. Snapshots written under another table are ignored, replayed and rewritten.
 */
export function schemaVersionOf(format: number, table: string): number {
  const digest = createHash('sha256')
    .update(`${String(format)}\n${table}`)
    .digest();
  return 1000 + (digest.readUInt32BE(0) % 2_000_000_000);
}

export const SNAPSHOT_SCHEMA_VERSION = schemaVersionOf(SNAPSHOT_FORMAT, machineTable());

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

/**
 * A position's fold at a version, with the global position of the event at that version: the
 * snapshot is used only if that very event is still the stream's event at that version.
 */
export interface CachedPosition {
  readonly snapshot: PositionSnapshot;
  readonly atGlobalPosition: bigint;
}

/** A position snapshot as stored JSON (exact decimals kept as strings). */
export const encodeSnapshot = (cached: CachedPosition): unknown => ({
  at: cached.atGlobalPosition.toString(),
  position: toJson(cached.snapshot),
});

/**
 * A stored snapshot back, or undefined when it is not of this layout (another schema version is
 * filtered before). The position is not re-validated field by field: it was written by this code
 * under this machine table, and the restart tests check a restored position equals the replay
 * of its events (I4).
 */
export function decodeSnapshot(state: unknown): CachedPosition | undefined {
  if (state === null || typeof state !== 'object') return undefined;
  const { at, position } = state as { at?: unknown; position?: unknown };
  if (typeof at !== 'string' || !/^\d+$/.test(at)) return undefined;
  if (position === null || typeof position !== 'object') return undefined;
  const snapshot = fromJson(position) as PositionSnapshot;
  if (!Number.isInteger(snapshot.version) || snapshot.version < 1) return undefined;
  return { snapshot, atGlobalPosition: BigInt(at) };
}
