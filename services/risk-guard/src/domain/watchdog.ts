/** The feeds the watchdog listens to: position states and market ticks. */
export type WatchedSource = 'position-actor' | 'market-feed';

/** A feed found silent: since when (ms since the epoch) nothing was heard from it. */
export interface Silence {
  readonly source: WatchedSource;
  readonly lastSeenMs: number;
  readonly silentForMs: number;
}

/**
 * Tracks when each feed was last heard. A silence is reported once per episode: hearing from
 * the feed again ends it. Time comes in the calls (injected clock).
 */
export class Watchdog {
  readonly #lastSeen = new Map<WatchedSource, number>();
  readonly #reported = new Set<WatchedSource>();

  constructor(
    private readonly silenceMs: number,
    startedAtMs: number,
  ) {
    this.#lastSeen.set('position-actor', startedAtMs);
    this.#lastSeen.set('market-feed', startedAtMs);
  }

  /** The feed spoke at `atMs`. */
  saw(source: WatchedSource, atMs: number): void {
    this.#lastSeen.set(source, atMs);
    this.#reported.delete(source);
  }

  /** The feeds silent for at least `silenceMs` at `nowMs` and not reported yet; marks them. */
  newSilences(nowMs: number): Silence[] {
    const out: Silence[] = [];
    for (const [source, lastSeenMs] of this.#lastSeen) {
      if (this.#reported.has(source) || nowMs - lastSeenMs < this.silenceMs) continue;
      this.#reported.add(source);
      out.push({ source, lastSeenMs, silentForMs: nowMs - lastSeenMs });
    }
    return out;
  }
}
