import type { AuditOptions } from '../core/audit-run.js';

/** How far a long audit is: events read and streams done (of the total when known). */
export interface AuditProgress {
  readonly events: number;
  readonly streams: number;
  readonly totalStreams: number;
  /** The events the streams in scope hold by their `streams` heads (0 when unknown). */
  readonly totalEvents?: number;
}

/** How `auditPostgres` runs: the core's options (the chains always walked, here or in workers) and more. */
export interface PostgresAuditOptions extends Omit<AuditOptions, 'walkChains'> {
  /** Told after each page or stream read (for a progress bar). */
  readonly onProgress?: (progress: AuditProgress) => void;
  /**
   * Worker threads that walk the hash chains (each reading its share of the streams in the
   * audit's snapshot on a connection of its own) while the main thread replays; default 0: the
   * main thread walks them. Measured on the 2 shared CPUs this is written on, a worker costs more
   * than it saves (ADR 0048, addendum "speed"); it is for a machine with idle cores.
   */
  readonly chainWorkers?: number;
}

/** The chain workers to start: as asked, none by default. */
export const chainWorkerCount = (options: PostgresAuditOptions): number =>
  Math.max(0, Math.floor(options.chainWorkers ?? 0));

/** The options with each progress report told the total events. */
export const withTotal = (
  options: PostgresAuditOptions,
  totalEvents: number,
): PostgresAuditOptions => {
  const tell = options.onProgress;
  return tell === undefined
    ? options
    : { ...options, onProgress: (p) => tell({ ...p, totalEvents }) };
};
