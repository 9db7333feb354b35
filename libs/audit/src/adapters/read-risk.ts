import { eventStreams } from '@hoga/contracts';
import { RiskReplay, type RiskAudit } from '../core/risk-replay.js';
import type { Snapshot } from './audit-snapshot.js';
import { streamHeads } from './stream-heads.query.js';

/** The `risk` stream, replayed and checked. */
export async function readRisk({ client, store }: Snapshot): Promise<RiskAudit> {
  const replay = new RiskReplay();
  for (const row of await store.readStream(eventStreams.risk)) replay.add(row);
  const { heads, chainHeads } = await streamHeads(client, [eventStreams.risk]);
  return replay.finish(heads.get(eventStreams.risk) ?? 0, chainHeads.get(eventStreams.risk));
}
