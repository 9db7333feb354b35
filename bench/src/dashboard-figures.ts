import { ENTRY, TICK, VOLUME } from './dashboard-engine.js';
import { percentile, type Row } from './report.js';

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
export const kb = (bytes: number): number => round(bytes / 1000);

/** The update number a shown valuation (`100,014원`) or a last price (`100014000`) stands for. */
export const updateOfValuation = (shown: string): number =>
  Number(shown.replace(/\D/g, '')) - ENTRY * VOLUME;
export const updateOfPrice = (last: string): number => (Number(last) - ENTRY) / TICK;

/** Frames/s over the run, the worst one-second window, and frames longer than 25 ms. */
export function frameFigures(frames: readonly number[]) {
  const span = (frames.at(-1)! - frames[0]!) / 1000;
  let worst = Infinity;
  for (let i = 0, j = 0; i < frames.length; i += 1) {
    while (j < frames.length && frames[j]! - frames[i]! <= 1000) j += 1;
    if (frames[i]! + 1000 <= frames.at(-1)!) worst = Math.min(worst, j - i - 1);
  }
  const gaps = frames.slice(1).map((f, i) => f - frames[i]!);
  return {
    fps: round((frames.length - 1) / span),
    worstSecond: worst,
    slowFrames: gaps.filter((g) => g > 25).length,
    longestFrame: round(Math.max(...gaps)),
  };
}

/** The page's process, all of Chromium and this process (the gateway, playwright's side). */
export const gatewayFigures = (m: {
  rendererPct: number;
  chromiumPct: number;
  cpuPct: number;
  loopP99: number;
}): Row => ({
  'renderer %core': round(m.rendererPct),
  'chromium %core': round(m.chromiumPct),
  'gateway process %core': round(m.cpuPct),
  'gateway loop delay p99 ms': round(m.loopP99),
});

export const longTaskFigures = (tasks: readonly { duration: number }[]) => ({
  'long tasks': tasks.length,
  'longest task ms': round(Math.max(0, ...tasks.map((t) => t.duration))),
  'tasks > 100 ms': tasks.filter((t) => t.duration > 100).length,
});

/** A latency row: samples, p50, p99, max. */
export const latencyRow = (measure: string, samples: readonly number[], extra: Row = {}): Row => ({
  measure,
  samples: samples.length,
  'p50 ms': percentile(samples, 50),
  'p99 ms': percentile(samples, 99),
  'max ms': percentile(samples, 100),
  ...extra,
});
