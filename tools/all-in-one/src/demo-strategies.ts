import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { requestOps, type Bus } from '@hoga/bus';
import { opsRequest } from '@hoga/bus';
import type { PositionId } from '@hoga/model';
import { encodeStrategySpec, parseStrategyFile, type StrategySpec } from '@hoga/position';
import { positionIdForCommand } from '@hoga/position-actor';

/** An example strategy file, decoded, with the command id that launches it. */
export interface DemoStrategy {
  readonly file: string;
  readonly commandId: string;
  readonly positionId: PositionId;
  readonly spec: StrategySpec;
}

/** Every `*.yaml|yml|json` of `dir`, decoded; an invalid file is an error naming it. */
export function loadDemoStrategies(dir: string): DemoStrategy[] {
  const files = readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  return files.map((file) => {
    const spec = parseStrategyFile(readFileSync(join(dir, file), 'utf8'));
    if (E.isLeft(spec)) throw new Error(`${file}: ${spec.left.message}`);
    // Deterministic: a restart sends the same command id, which names the same position.
    const commandId = `demo:${file}`;
    return { file, commandId, positionId: positionIdForCommand(commandId), spec: spec.right };
  });
}

/** What launching one demo strategy did. */
export type LaunchOutcome =
  | { readonly file: string; readonly positionId: string; readonly outcome: 'started' | 'exists' }
  | { readonly file: string; readonly outcome: 'failed'; readonly error: string };

/**
 * Launches the demo strategies not launched before on this home (a position with the same id,
 * closed or not, means it was), through position-actor's `run` endpoint.
 */
export async function launchDemoStrategies(
  bus: Bus,
  demos: readonly DemoStrategy[],
): Promise<LaunchOutcome[]> {
  const listed = E.getOrElseW(() => {
    throw new Error('list request did not decode');
  })(opsRequest('position-actor', 'list', { statuses: null, market: null }));
  const list = await requestOps(bus, 'position-actor', 'list', listed, { timeoutMs: 30_000 });
  const known = new Set(list.ok ? list.positions.map((p) => p.positionId) : []);
  const outcomes: LaunchOutcome[] = [];
  for (const demo of demos) {
    if (known.has(demo.positionId)) {
      outcomes.push({ file: demo.file, positionId: demo.positionId, outcome: 'exists' });
      continue;
    }
    const request = opsRequest('position-actor', 'run', {
      strategy: encodeStrategySpec(demo.spec),
      commandId: demo.commandId,
      issuedBy: 'all-in-one',
      reason: `demo strategy ${demo.file}`,
    });
    if (E.isLeft(request)) {
      outcomes.push({ file: demo.file, outcome: 'failed', error: request.left.message });
      continue;
    }
    const reply = await requestOps(bus, 'position-actor', 'run', request.right, {
      timeoutMs: 30_000,
    }).catch((error: unknown) => ({ ok: false as const, error: String(error) }));
    outcomes.push(
      reply.ok
        ? { file: demo.file, positionId: reply.positionId, outcome: 'started' }
        : { file: demo.file, outcome: 'failed', error: JSON.stringify(reply.error) },
    );
  }
  return outcomes;
}
