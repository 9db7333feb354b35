import type { WatchdogAction } from '../config.js';
import type { RiskPublisher } from '../adapters/risk-publisher.js';
import type { RiskGuard } from '../app/risk-guard.js';
import type { MarketQuiet } from '../domain/market-quiet.js';
import type { Silence, Watchdog } from '../domain/watchdog.js';
import { checkQuietMarkets } from './market-quiet.handler.js';
import type { Logger } from '@hoga/telemetry';

/** What a watchdog check needs. */
export interface WatchdogContext {
  readonly guard: RiskGuard;
  readonly watchdog: Watchdog;
  readonly publisher: RiskPublisher;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly action: WatchdogAction;
  /** Per market: the held markets whose ticks stopped (optional: tests of the feeds alone). */
  readonly quiet?: MarketQuiet;
}

async function react(ctx: WatchdogContext, silence: Silence): Promise<void> {
  const at = ctx.now().toISOString();
  const seconds = Math.floor(silence.silentForMs / 1000);
  const what = `${silence.source} silent for ${seconds}s while ${ctx.guard.portfolio.holdingPositions} positions hold coins`;
  ctx.logger.warn('watchdog: feed silent', { ...silence });
  await ctx.publisher.alert(
    {
      severity: 'critical',
      title: `hoga: ${silence.source} silent`,
      body: `${what}; action: ${ctx.action}`,
      dedupKey: `watchdog:${silence.source}:${silence.lastSeenMs}`,
    },
    at,
    null,
  );
  if (ctx.action === 'alert') return;
  const stamp = {
    commandId: `watchdog-${silence.source}-${silence.lastSeenMs}`,
    issuedBy: 'risk-guard:watchdog',
    reason: what,
  };
  const outcome =
    ctx.action === 'halt' ? await ctx.guard.halt(stamp) : await ctx.guard.reduce(stamp);
  if (outcome._tag === 'Left')
    ctx.logger.info('watchdog action refused', { why: outcome.left.message });
}

/**
 * One watchdog pass: while positions hold coins, each feed newly silent for the configured time
 * raises a `critical` alert (once per silence) and, if configured, moves to REDUCING or HALTED
 * (as the audited actor `risk-guard:watchdog`). With no coins held nothing is at risk: no alert.
 * Each pass also checks every held market for quiet (`market-quiet.handler.ts`). Only the leader
 * watches: a standby's pass does nothing.
 */
export async function checkWatchdog(ctx: WatchdogContext): Promise<Silence[]> {
  if (!ctx.guard.active) return [];
  if (ctx.quiet) await checkQuietMarkets({ ...ctx, quiet: ctx.quiet });
  if (ctx.guard.portfolio.holdingPositions === 0) return [];
  const silences = ctx.watchdog.newSilences(ctx.now().getTime());
  for (const silence of silences) await react(ctx, silence);
  return silences;
}
