/**
 * The frame-to-order samples: for each take-profit rung and market, the bench trades the market
 * on the emulator at a price crossing exactly one position's take-profit; the emulator sends the
 * trade frame on its public WebSocket; market-feed's socket receives it (timed by the frame
 * probe); the real market-feed, position-actor and order-executor turn it into the exit's
 * `POST /v1/orders`, timed as it arrives at the emulator. One sample at a time: the next frame
 * goes out once the position is closed and at least 150 ms after the last POST (the executor's
 * client paces orders at Upbit's 12/s; the pacing must not hold a measured exit).
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PositionId } from '@hoga/model';
import type { FrameSeen } from './frame-probe.js';
import { waitFor } from './engine-world.js';
import { crossingPrice, MARKETS, type Exchange, type Statuses } from './frame-to-order-world.js';
import { percentile, type Row } from './report.js';

/** Where the bench reads the frames market-feed's socket received. */
export interface FrameSource {
  /** Frames received since the last call. */
  take(): FrameSeen[];
}

/** What one mode measured. */
export interface Sampled {
  /** Frame received by market-feed → POST /v1/orders at the emulator, ms, per sample. */
  readonly frameToOrder: number[];
  /** The bench's trade → frame received by market-feed (the emulator's send and loopback). */
  readonly sendToFrame: number[];
  /** Frame received → exit PlaceOrder published on `hoga.order.cmd` (seen by the bench). */
  readonly frameToCommand: number[];
  /** Exit PlaceOrder published → its POST at the emulator (order-executor's part). */
  readonly commandToOrder: number[];
  /** Samples whose POST came after a `GET /v1/accounts` made since the frame was sent. */
  readonly withBalanceRead: number;
  readonly missed: string[];
  /** Exits per market that the emulator holds (ask orders), checked after the samples. */
  readonly wrongMarkets: string[];
  /** Process CPU (user + system) of the bench's own process during the samples, ms. */
  readonly cpuMs: number;
  readonly wallMs: number;
}

const GAP_MS = 150;

/** Takes one sample per (rung, market) for `rungs` rungs: 100 × `rungs` samples. */
export async function sampleFrames(
  exchange: Exchange,
  frames: FrameSource,
  statuses: Statuses,
  ids: readonly PositionId[],
  rungs: number,
): Promise<Sampled> {
  const frameToOrder: number[] = [];
  const sendToFrame: number[] = [];
  const frameToCommand: number[] = [];
  const commandToOrder: number[] = [];
  const missed: string[] = [];
  const seen: FrameSeen[] = [];
  let lastPost = 0;
  let withBalanceRead = 0;
  const cpu0 = process.cpuUsage();
  const began = performance.now();
  for (let k = 0; k < rungs; k++)
    for (let m = 0; m < MARKETS.length; m++) {
      const id = ids[k * MARKETS.length + m]!;
      const market = MARKETS[m]!;
      const price = crossingPrice(k);
      const wait = lastPost + GAP_MS - performance.now();
      if (wait > 0) await sleep(wait);
      frames.take();
      const n = exchange.arrivals.length;
      const reads = exchange.accountReads();
      const sentAt = performance.timeOrigin + performance.now();
      exchange.emulator.admin.setPrice(market, String(price));
      const post = await exchange.arrival(n, 5000);
      if (exchange.accountReads() > reads) withBalanceRead += 1;
      lastPost = performance.now();
      let frame: FrameSeen | undefined;
      await waitFor(
        () => {
          seen.push(...frames.take());
          frame = seen.find((f) => f.market === market && f.price === price);
          return frame !== undefined;
        },
        2000,
        2,
      );
      seen.length = 0;
      if (post === undefined || frame === undefined) {
        missed.push(`${market} rung ${k}: ${post === undefined ? 'no POST' : 'no frame seen'}`);
      } else {
        frameToOrder.push(post.atMs - frame.atMs);
        sendToFrame.push(frame.atMs - sentAt);
        const commandAt = statuses.exitCommandAt.get(id);
        if (commandAt !== undefined) {
          frameToCommand.push(commandAt - frame.atMs);
          commandToOrder.push(post.atMs - commandAt);
        }
      }
      if (!(await waitFor(() => statuses.of(id) === 'closed', 10_000, 5)))
        missed.push(`${market} rung ${k}: position ${id} not closed (${statuses.of(id)})`);
    }
  const cpu = process.cpuUsage(cpu0);
  const wrongMarkets = MARKETS.filter(
    (market) => exchange.emulator.admin.orderCount({ market, side: 'ask' }) !== rungs,
  );
  return {
    frameToOrder,
    sendToFrame,
    frameToCommand,
    commandToOrder,
    withBalanceRead,
    missed,
    wrongMarkets,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: performance.now() - began,
  };
}

/** The table row of one mode. */
export function sampledRow(mode: string, s: Sampled): Row {
  return {
    mode,
    samples: s.frameToOrder.length,
    missed: s.missed.length,
    'p50 ms': percentile(s.frameToOrder, 50),
    'p99 ms': percentile(s.frameToOrder, 99),
    'max ms': percentile(s.frameToOrder, 100),
    'frame → PlaceOrder p50 ms': percentile(s.frameToCommand, 50),
    'frame → PlaceOrder p99 ms': percentile(s.frameToCommand, 99),
    'PlaceOrder → POST p50 ms': percentile(s.commandToOrder, 50),
    'PlaceOrder → POST p99 ms': percentile(s.commandToOrder, 99),
    'send → frame p50 ms': percentile(s.sendToFrame, 50),
    'POSTs after a balance read': s.withBalanceRead,
    'bench process CPU ms / sample': s.cpuMs / Math.max(1, s.frameToOrder.length),
  };
}
