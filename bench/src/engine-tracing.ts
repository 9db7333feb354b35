/**
 * The engine bench's tracing section (`npm run bench -- engine --only=tracing`): the in-process
 * set-up's sustained ticks/s with tracing off and on (ratio 0.01, ratio 1; spans go to an exporter
 * that counts them, so the SDK's cost is measured without the network), in interleaved rounds,
 * the order rotated each round; plus the off path's own cost per call.
 */
import { performance } from 'node:perf_hooks';
import type { PublishOptions } from '@hoga/bus';
import {
  CountingSpanExporter,
  inProcessSpan,
  inSpan,
  SpanKind,
  startTracing,
  traceHeaders,
  tracingOn,
} from '@hoga/telemetry';
import type { Row } from './report.js';

/** One throughput measure; `headers` gives each tick's publish options (the tick's trace). */
export type Measure = (count: number, tickOptions: () => PublishOptions) => Promise<Row>;

const MODES = [
  { mode: 'off', ratio: undefined },
  { mode: 'on, tick ratio 0.01', ratio: 0.01 },
  { mode: 'on, tick ratio 1', ratio: 1 },
] as const;

/** As market-feed publishes a tick: in a `send` span when tracing is on (its traceparent). */
const tickOptions = (): PublishOptions =>
  tracingOn()
    ? inSpan('send hoga.md.tick', { kind: SpanKind.PRODUCER, tickRoot: true }, () => ({
        headers: traceHeaders(),
      }))
    : {};

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
};

/** Interleaved rounds of every mode; one row per mode (median, spread, vs off). */
export async function tracingRounds(
  measure: Measure,
  rounds: number,
  ticks: number,
): Promise<Row[]> {
  const samples = new Map<string, number[]>(MODES.map((m) => [m.mode, []]));
  const spans = new Map<string, number>(MODES.map((m) => [m.mode, 0]));
  for (let r = 0; r < rounds; r++)
    for (let i = 0; i < MODES.length; i++) {
      const { mode, ratio } = MODES[(i + r) % MODES.length]!;
      const exporter = new CountingSpanExporter();
      const tracing =
        ratio === undefined
          ? undefined
          : startTracing({
              service: 'bench',
              otlpUrl: undefined,
              tickSampleRatio: ratio,
              exporter,
            });
      try {
        const row = await measure(ticks, tickOptions);
        samples.get(mode)!.push(Number(row['ticks/s']));
        console.log(`tracing round ${r + 1}/${rounds}, ${mode}: ${String(row['ticks/s'])} ticks/s`);
      } finally {
        await tracing?.shutdown();
      }
      spans.set(mode, spans.get(mode)! + exporter.spans);
    }
  const off = median(samples.get('off')!);
  return MODES.map(({ mode }) => {
    const xs = samples.get(mode)!;
    return {
      tracing: mode,
      rounds: xs.length,
      'median ticks/s': median(xs),
      'min ticks/s': Math.min(...xs),
      'max ticks/s': Math.max(...xs),
      'vs off %': ((median(xs) - off) / off) * 100,
      'spans exported': spans.get(mode)!,
    };
  });
}

/**
 * What tracing-off code adds per call, against the same work without it: the tick path's
 * `inProcessSpan` (a flag test, then the callback) timed against calling the callback directly.
 */
export function offPathCost(calls = 5_000_000): Row {
  let sink = 0;
  const work = () => (sink += 1);
  const headers = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
  const time = (fn: () => void): number => {
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) fn();
    return ((performance.now() - t0) * 1e6) / calls;
  };
  let plain = 0;
  let wrapped = 0;
  for (let round = 0; round < 5; round++) {
    plain += time(work);
    wrapped += time(() => inProcessSpan('hoga.md.tick.KRW-BTC', 'id', headers, work));
  }
  if (sink === 0) throw new Error('unreachable');
  return {
    measure: 'tracing-off tick path: inProcessSpan(...) vs the bare callback',
    calls: calls * 5,
    'ns per call, bare': plain / 5,
    'ns per call, off path': wrapped / 5,
    'ns added per call': (wrapped - plain) / 5,
  };
}
