/** Where a long audit is, for its progress display. */
export interface ProgressFigures {
  /** What is counted: `events`, `orders`. */
  readonly unit: string;
  readonly done: number;
  /** 0 when not known. */
  readonly total: number;
  /** Since the stage started. */
  readonly elapsedMs: number;
}

const BAR_WIDTH = 24;

const count = (n: number): string => Math.round(n).toLocaleString('en-US');

/** `0:07`, `12:05`, `1:02:03`. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/**
 * The progress bar of a terminal (one line, redrawn): `audit [#########---------------]
 * 412,000/1,000,000 events  205,988/s  ETA 0:03`. Without a total, the count and rate only.
 * Pure: a function of the figures.
 */
export function renderProgressBar(label: string, p: ProgressFigures): string {
  const rate = p.elapsedMs > 0 ? (p.done * 1000) / p.elapsedMs : 0;
  const speed = rate > 0 ? `  ${count(rate)}/s` : '';
  if (p.total <= 0) return `${label} ${count(p.done)} ${p.unit}${speed}`;
  const share = Math.min(1, p.done / p.total);
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
  const left = p.total - p.done;
  const eta = rate > 0 && left > 0 ? `  ETA ${clock(left / rate)}` : left <= 0 ? '  done' : '';
  return `${label} ${bar} ${count(p.done)}/${count(p.total)} ${p.unit}${speed}${eta}`;
}
