import type { OrderId, PositionId } from '@hoga/model';

/** Longest order id / Upbit identifier (Upbit: 64, unconfirmed; hoga ids: 64). */
export const MAX_ORDER_ID_LENGTH = 64;

/** 32-bit FNV-1a of a string, as 8 hex digits (deterministic, no crypto needed). */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/**
 * The order id of a leg's attempt, also used as the Upbit `identifier`: `<positionId>-e1` for the
 * first entry, `<positionId>-x2` for the second exit attempt. Deterministic, so a replayed or
 * re-decided request names the same order. When the position id is too long for the suffix, its
 * tail is replaced by an FNV-1a hash of the whole id (`<prefix>_<hash>-x2`), still ≤ 64 chars.
 */
export function orderIdFor(
  positionId: PositionId,
  leg: 'entry' | 'exit',
  attempt: number,
): OrderId {
  const suffix = `-${leg === 'entry' ? 'e' : 'x'}${attempt}`;
  if (positionId.length + suffix.length <= MAX_ORDER_ID_LENGTH)
    return `${positionId}${suffix}` as OrderId;
  const prefix = positionId.slice(0, MAX_ORDER_ID_LENGTH - suffix.length - 9);
  return `${prefix}_${fnv1a(positionId)}${suffix}` as OrderId;
}

/** The id of a position's event at a stream version: `<positionId>:<version>` (unique, replayable). */
export const eventIdFor = (positionId: PositionId, version: number): string =>
  `${positionId}:${version}`;
