import type { ChainBreak, ChainHead, ChainVerdict } from '@hoga/event-store';
import { discrepancy, type Finding } from '../finding.js';

const short = (hash: string | null): string => (hash === null ? 'none' : hash.slice(0, 16));

const sentence = (b: ChainBreak): string => {
  switch (b.kind) {
    case 'unhashed':
      return `event ${b.version} has no chain hash: it was written around the event store (by hand) or never migrated`;
    case 'version-gap':
      return `the chain jumps from version ${b.expectedVersion - 1} to ${b.version}: event(s) removed by hand`;
    case 'hash-mismatch':
      return `event ${b.version}'s stored hash ${short(b.stored)} is not the ${short(b.computed)} its content and the previous hash give: it was edited in place, or the hash before it rewritten`;
    case 'head-mismatch':
      return `the stream's head is version ${b.headVersion} hash ${short(b.headHash)} but its events end at version ${b.version} hash ${short(b.lastHash)}: its tail was cut or its head rewritten`;
  }
};

/**
 * hash-chain-broken: each stored event's hash is SHA-256 of the previous hash and its canonical
 * content (ADR 0051), and the stream's head ends where its events do. The first break only:
 * every link after it follows from it. A finding about a stream that is no position's (`risk`)
 * has no position id and names the stream in its sentence.
 */
export function hashChainIntact(
  positionId: string | null,
  verdict: ChainVerdict,
  streamId?: string,
): Finding[] {
  if (verdict.ok) return [];
  const b = verdict.break;
  const evidence: Record<string, string | number | null> = { kind: b.kind, version: b.version };
  if (streamId !== undefined) evidence['stream'] = streamId;
  if (b.kind === 'hash-mismatch')
    Object.assign(evidence, { stored: b.stored, computed: b.computed });
  if (b.kind === 'version-gap') evidence['expectedVersion'] = b.expectedVersion;
  if (b.kind === 'head-mismatch')
    Object.assign(evidence, {
      headVersion: b.headVersion,
      headHash: b.headHash,
      lastHash: b.lastHash,
    });
  const message =
    positionId === null && streamId !== undefined
      ? `stream ${streamId}: ${sentence(b)}`
      : sentence(b);
  return [discrepancy('hash-chain-broken', positionId, message, evidence, b.version)];
}

export type { ChainHead };
