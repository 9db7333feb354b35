import type { ChainHead } from '@hoga/event-store';
import type { Db } from './audit-snapshot.js';

/** Each stream's version and hash-chain head in the `streams` table. */
export async function streamHeads(
  pool: Db,
  ids: readonly string[],
): Promise<{ heads: Map<string, number>; chainHeads: Map<string, ChainHead> }> {
  const { rows } = await pool.query<{ stream_id: string; version: number; head: string | null }>(
    `select stream_id, version, encode(head_hash, 'hex') as head from streams
      where stream_id = any($1::text[])`,
    [ids],
  );
  return {
    heads: new Map(rows.map((r) => [r.stream_id, r.version])),
    chainHeads: new Map(rows.map((r) => [r.stream_id, { version: r.version, hash: r.head }])),
  };
}
