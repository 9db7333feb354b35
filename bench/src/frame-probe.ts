/**
 * The frame-to-order bench's probe at market-feed's edge: wraps `emit` of the `ws` client
 * `WebSocket` so that each `message` a client socket connected to `url` receives is timestamped
 * (`performance.timeOrigin + performance.now()`) before any listener runs, i.e. when
 * market-feed's socket hands the frame over (after `ws` decoded the WebSocket frame, before the
 * Upbit client parses its JSON). The frame is kept as received and parsed only when read, off the
 * measured path. One process: market-feed in the bench's process, or (distributed) the
 * market-feed child preloading `frame-probe-preload.js`.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/** A trade frame market-feed received: when, which market, at what price. */
export interface FrameSeen {
  readonly atMs: number;
  readonly market: string;
  readonly price: number;
}

/** Frames received and not yet read. */
export interface FrameProbe {
  /** The frames received since the last call, parsed (non-trade frames are left out). */
  take(): FrameSeen[];
  /** Puts `emit` back. */
  remove(): void;
}

type Emit = (this: WebSocket, event: string | symbol, ...args: unknown[]) => boolean;

/** Upbit's trade frame in DEFAULT (`code`, `trade_price`) or SIMPLE (`cd`, `tp`) format. */
function parseTrade(atMs: number, data: unknown): FrameSeen | undefined {
  try {
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
    const j = JSON.parse(text) as Record<string, unknown>;
    const market = j['code'] ?? j['cd'];
    const price = j['trade_price'] ?? j['tp'];
    if ((j['type'] ?? j['ty']) !== 'trade' || typeof market !== 'string') return undefined;
    return typeof price === 'number' ? { atMs, market, price } : undefined;
  } catch {
    return undefined;
  }
}

/** Installs the probe for client sockets whose URL starts with `url`. */
export function installFrameProbe(url: string): FrameProbe {
  const proto = WebSocket.prototype as unknown as { emit: Emit };
  const original = proto.emit;
  let raw: [number, unknown][] = [];
  proto.emit = function (this: WebSocket, event, ...args) {
    if (event === 'message' && typeof this.url === 'string' && this.url.startsWith(url))
      raw.push([performance.timeOrigin + performance.now(), args[0]]);
    return original.call(this, event, ...args);
  };
  return {
    take() {
      const taken = raw;
      raw = [];
      return taken.flatMap(([at, data]) => parseTrade(at, data) ?? []);
    },
    remove() {
      proto.emit = original;
    },
  };
}

/** The line the preloaded probe writes per frame on stderr: `f2o-frame <atMs> <market> <price>`. */
export const FRAME_LINE = 'f2o-frame';

/** Parses the probe's stderr lines out of a chunk of a child's output. */
export function framesInOutput(text: string): FrameSeen[] {
  const out: FrameSeen[] = [];
  for (const line of text.split('\n')) {
    const parts = line.trim().split(' ');
    if (parts[0] !== FRAME_LINE || parts.length !== 4) continue;
    out.push({ atMs: Number(parts[1]), market: parts[2]!, price: Number(parts[3]) });
  }
  return out;
}
