import type { Checkpoint, RecordedEvent } from './event-store.port.js';

/** The checkpoint just after `event`: store it once the event is handled. */
export const checkpointOf = (event: RecordedEvent): Checkpoint => ({
  transactionId: event.transactionId,
  globalPosition: event.globalPosition,
});

/** Orders checkpoints (and events) as `readAll` does: by transaction id, then global position. */
export function compareCheckpoints(a: Checkpoint, b: Checkpoint): number {
  if (a.transactionId !== b.transactionId) return a.transactionId < b.transactionId ? -1 : 1;
  if (a.globalPosition !== b.globalPosition) return a.globalPosition < b.globalPosition ? -1 : 1;
  return 0;
}
