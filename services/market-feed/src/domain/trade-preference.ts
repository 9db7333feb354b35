/**
 * Which frame type makes a market's ticks. Upbit sends a `trade` and a `ticker` frame for each
 * trade, so taking both would tick twice. Trades are preferred (they carry Upbit's trade id and
 * the best bid and ask); a market's ticker frames make its ticks only until its first trade frame
 * is accepted, so a ticker-only source (a recording without trades) still serves. The switch is
 * free of doubles: a trade frame also matches the identity its ticker would have had (see
 * `candidateFromTrade`). The Upbit source subscribes to `trade` only.
 */
export class TradePreference {
  readonly #tradeMarkets = new Set<string>();

  /** True while `market` has had no trade frame: its ticker frames make its ticks. */
  usesTicker(market: string): boolean {
    return !this.#tradeMarkets.has(market);
  }

  /** Records that `market` has trade frames: its ticker frames are ignored from now on. */
  tradeSeen(market: string): void {
    this.#tradeMarkets.add(market);
  }

  /** Forgets a market. */
  forget(market: string): void {
    this.#tradeMarkets.delete(market);
  }
}
