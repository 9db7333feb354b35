import { readFileSync } from 'node:fs';
import { type Decimal, dec, parseDecimal } from '@hoga/model';
import type { SourceTrade } from './price-simulator.js';

/** One recorded market trade to replay. */
export interface ReplayFrame extends SourceTrade {
  readonly market: string;
  /** The recorded trade time (ms), when the frame had one. */
  readonly timestamp?: number;
}

/** A replay file line that could not be read. */
export class ReplayFileError extends Error {
  override readonly name = 'ReplayFileError';
}

const field = (o: Record<string, unknown>, ...keys: string[]): unknown =>
  keys.map((k) => o[k]).find((v) => v !== undefined && v !== null);

/**
 * Reads one recorded WebSocket frame (DEFAULT or SIMPLE keys) of type `trade` or `ticker`.
 * Returns undefined for other frame types (orderbook, status), which a replay skips.
 */
export function frameFromRecord(record: unknown): ReplayFrame | undefined {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return undefined;
  const o = record as Record<string, unknown>;
  const type = field(o, 'type', 'ty');
  if (type !== 'trade' && type !== 'ticker') return undefined;
  const market = field(o, 'code', 'cd', 'market');
  const price = parseDecimal(field(o, 'trade_price', 'tp'));
  if (typeof market !== 'string' || price === undefined || !price.gt(0)) return undefined;
  const volume: Decimal = parseDecimal(field(o, 'trade_volume', 'tv')) ?? dec('0.0001');
  const askBid = field(o, 'ask_bid', 'ab') === 'ASK' ? 'ASK' : 'BID';
  const ts = field(o, 'trade_timestamp', 'ttms', 'timestamp', 'tms');
  const frame = { market, price, volume: volume.gt(0) ? volume : dec('0.0001'), askBid } as const;
  return typeof ts === 'number' ? { ...frame, timestamp: ts } : frame;
}

/** Parses NDJSON text of recorded frames; a line that is not JSON fails with its number. */
export function parseReplay(text: string): ReplayFrame[] {
  const frames: ReplayFrame[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      throw new ReplayFileError(`replay line ${i + 1} is not JSON`);
    }
    const frame = frameFromRecord(record);
    if (frame) frames.push(frame);
  });
  return frames;
}

/** Reads and parses a replay file (NDJSON of recorded `trade`/`ticker` frames). */
export function loadReplayFile(path: string): ReplayFrame[] {
  return parseReplay(readFileSync(path, 'utf8'));
}

/** Hands out recorded frames one by one, optionally starting over at the end. */
export class ReplayCursor {
  private index = 0;
  constructor(
    private readonly frames: readonly ReplayFrame[],
    private readonly loop: boolean,
  ) {}

  /** The markets the recording covers, in order of first appearance. */
  markets(): string[] {
    return [...new Set(this.frames.map((f) => f.market))];
  }

  /** The first recorded frame of `market`. */
  first(market: string): ReplayFrame | undefined {
    return this.frames.find((f) => f.market === market);
  }

  /** The next frame, or undefined once the recording is exhausted (and not looping). */
  next(): ReplayFrame | undefined {
    if (this.index >= this.frames.length) {
      if (!this.loop || this.frames.length === 0) return undefined;
      this.index = 0;
    }
    return this.frames[this.index++];
  }
}
