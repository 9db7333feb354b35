import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 24 * 512;
const pool = Buffer.alloc(POOL_BYTES);
let offset = POOL_BYTES;

/** `bytes` random bytes as lower-case hex, not all zero, from a pool refilled 12 KiB at a time. */
function randomHex(bytes: number): string {
  for (;;) {
    if (offset + bytes > POOL_BYTES) {
      randomFillSync(pool);
      offset = 0;
    }
    const hex = pool.toString('hex', offset, (offset += bytes));
    if (!/^0+$/.test(hex)) return hex;
  }
}

/**
 * A new sampled W3C `traceparent` (version 00) starting a trace. Same format as the bus's
 * `createTraceparent()`, which draws from the system's random source twice per call: at tick
 * rates that was a quarter of the feed's time, so ids come from a pool here.
 */
export const newTraceparent = (): string => `00-${randomHex(16)}-${randomHex(8)}-01`;
