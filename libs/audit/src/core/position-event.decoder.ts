import { PositionEvent } from '@hoga/contracts';
import { storedEnvelope, type RecordedEvent } from '@hoga/event-store';
import { compiledDecoder } from '@hoga/model';

/**
 * The position event of a stored row: exactly what `decodeWith(PositionEvent, envelope)` gives
 * (the same value, or the same failure and reasons), through the codec compiled once
 * (`compiledDecoder`): an audit decodes every stored event, and io-ts's per-field results were
 * much of its garbage (ADR 0048, addendum "speed, round 3").
 */
const decode = compiledDecoder(PositionEvent);

/** Decodes a stored row's envelope as a position event. */
export const decodePositionEvent = (row: RecordedEvent): ReturnType<typeof decode> =>
  decode(storedEnvelope(row));
