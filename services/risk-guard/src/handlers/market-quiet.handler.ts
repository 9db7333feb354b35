import type { Logger } from '@hoga/telemetry';
import type { RiskPublisher } from '../adapters/risk-publisher.js';
import type { MarketQuiet } from '../domain/market-quiet.js';
import type { RiskGuard } from '../app/risk-guard.js';

/** What the quiet-market check needs. */
export interface MarketQuietContext {
  readonly guard: RiskGuard;
  readonly quiet: MarketQuiet;
  readonly publisher: RiskPublisher;
  readonly logger: Logger;
  readonly now: () => Date;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * One pass over the markets where positions hold coins: those without a tick for the quiet time
 * become a `market-feed-quiet` condition of the risk view (`hoga risk status`) and raise one
 * `critical` alert per quiet episode (a tick ends it). A quiet feed means blind stops: hoga
 * cannot protect those coins until ticks flow again.
 */
export async function checkQuietMarkets(ctx: MarketQuietContext): Promise<void> {
  const nowMs = ctx.now().getTime();
  const held = ctx.guard.portfolio.holdings().map((h) => h.market);
  const quiet = ctx.quiet.quiet(held, nowMs);
  ctx.guard.setQuietMarkets(
    quiet.map((q) => ({ market: q.market, lastTickAt: iso(q.lastTickMs) })),
  );
  for (const q of ctx.quiet.newlyQuiet(quiet)) {
    const seconds = Math.floor(q.quietForMs / 1000);
    ctx.logger.warn('watchdog: market feed quiet while coins are held', { ...q });
    await ctx.publisher.alert(
      {
        severity: 'critical',
        title: `hoga: no ticks from ${q.market} for ${seconds}s while positions hold coins`,
        body: `the last tick of ${q.market} came at ${iso(q.lastTickMs)}: its stop-loss, trailing stop and the loss limit see a stale price until ticks flow again (check market-feed status)`,
        dedupKey: `market-quiet:${q.market}:${q.lastTickMs}`,
      },
      ctx.now().toISOString(),
      null,
    );
  }
}
