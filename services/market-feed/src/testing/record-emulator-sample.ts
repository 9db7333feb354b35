import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { ReconnectingSocket, type RawFrame } from '@hoga/upbit';
import { ManualClock, startEmulator } from '@hoga/upbit-emulator';

/** What to record. */
export interface SampleOptions {
  /** Market steps to record (each market trades once per step). */
  readonly steps: number;
  /** Emulator time at the start (ms); default 2026-01-05T00:58:45Z, so the sample crosses 01:00. */
  readonly startAt?: number;
  readonly seed?: number;
}

/** Subscribed: trades of BTC and ETH, tickers of BTC (mixed with its trades) and XRP (alone). */
const REQUEST = JSON.stringify([
  { ticket: 'market-feed-sample' },
  { type: 'trade', codes: ['KRW-BTC', 'KRW-ETH'] },
  { type: 'ticker', codes: ['KRW-BTC', 'KRW-XRP'] },
  { format: 'DEFAULT' },
]);
const FRAMES_PER_STEP = 4;

const text = (raw: RawFrame): string =>
  typeof raw === 'string'
    ? raw
    : Array.isArray(raw)
      ? Buffer.concat(raw).toString('utf8')
      : Buffer.from(raw as ArrayBuffer).toString('utf8');

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!check()) throw new Error(`recording: no ${what}`);
}

/**
 * Records the emulator's public WebSocket, frame by frame as sent (DEFAULT format), on a manual
 * clock stepped 0.2–3.8 s apart by a fixed sequence: the same options give the same lines.
 */
export async function recordEmulatorSample(options: SampleOptions): Promise<string[]> {
  const clock = new ManualClock(options.startAt ?? Date.UTC(2026, 0, 5, 0, 58, 45));
  const emulator = await startEmulator({
    seed: options.seed ?? 7,
    tickIntervalMs: 0,
    historyMinutes: 3,
    clock,
    markets: [
      { market: 'KRW-BTC', startPrice: '140000000' },
      { market: 'KRW-ETH', startPrice: '5000000' },
      { market: 'KRW-XRP', startPrice: '3000' },
    ],
  });
  const lines: string[] = [];
  const socket = new ReconnectingSocket(emulator.wsUrl, { stallTimeoutMs: 0 });
  socket.on('frame', (raw) => lines.push(text(raw)));
  socket.on('open', () => socket.send(REQUEST));
  try {
    socket.start();
    await until(() => lines.length >= FRAMES_PER_STEP, 'snapshot');
    for (let step = 0; step < options.steps; step++) {
      clock.advance(200 + ((step * 7919) % 3600));
      const expected = lines.length + FRAMES_PER_STEP;
      emulator.admin.step(1);
      await until(() => lines.length >= expected, `frames of step ${step}`);
    }
    return lines;
  } finally {
    await socket.close();
    await emulator.close();
  }
}

/** `node dist/testing/record-emulator-sample.js <file> [steps]`: writes the sample. */
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [file = 'fixtures/emulator-sample.ndjson', steps = '75'] = process.argv.slice(2);
  const lines = await recordEmulatorSample({ steps: Number(steps) });
  writeFileSync(file, `${lines.join('\n')}\n`);
  console.log(`wrote ${lines.length} frames to ${file}`);
}
