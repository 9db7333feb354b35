import { marketOfTickSubject, type Tick } from '@hoga/contracts';
import type { TickGate } from '@hoga/position';
import type { Logger } from '@hoga/telemetry';
import type { RiskGuard } from '../app/risk-guard.js';

/**
 * Ticks to the loss limit's marks through the same gate as position-actor's (ADR 0024): a tick
 * whose body names another market than its subject, priced off the tick grid, or far outside
 * the band of recent trades until confirmed, never moves a mark — so one bad tick cannot breach
 * the loss limit and liquidate the account. A cold market is seeded with the portfolio's price
 * (the positions' last confirmed prices). Stopped ticks are counted on the gate and logged (the
 * first of each reason, then every 1,000th).
 */
export function gatedTickHandler(guard: RiskGuard, gate: TickGate, logger: Logger) {
  return async (subject: string, tick: Tick): Promise<void> => {
    const market = marketOfTickSubject(subject);
    if (market === undefined) return;
    const seed = () => {
      const price = guard.portfolio.lastPrice(market);
      return price === undefined ? [] : [price];
    };
    const verdict = gate.judge(market, tick.data, seed);
    if (verdict.deliver) return guard.onTick(market, tick.data.price, tick.id);
    const c = gate.counts;
    const n = c.received - c.delivered;
    if (n === 1 || n % 1000 === 0)
      logger.warn('risk-guard: tick stopped at the tick gate', {
        market,
        why: verdict.why,
        price: tick.data.price.toString().slice(0, 64),
        stopped: n,
      });
  };
}
