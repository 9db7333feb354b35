import { ok } from 'node:assert/strict';
import type { PositionId } from '@hoga/model';
import { eventually, type Harness } from './harness.js';

/**
 * Test support: an ops call answered `unavailable` by a non-owner is retried (the queue group
 * hands the next try to another instance), as the CLI does. Bounded.
 */
export async function runAnywhere(
  h: Harness,
  spec: Record<string, unknown>,
  commandId: string,
): Promise<PositionId> {
  return eventually(async () => {
    const reply = await h.run(spec, commandId);
    if (reply.ok) return reply.positionId;
    ok(reply.error.code === 'unavailable', JSON.stringify(reply));
    return undefined;
  }, `run ${commandId}`);
}

/** `close` retried while answered `unavailable`. */
export async function closeAnywhere(h: Harness, id: PositionId, commandId: string): Promise<void> {
  await eventually(async () => {
    const reply = await h.command('close', id, commandId);
    if (reply.ok) return true;
    ok(reply.error.code === 'unavailable', JSON.stringify(reply));
    return undefined;
  }, `close ${id}`);
}
