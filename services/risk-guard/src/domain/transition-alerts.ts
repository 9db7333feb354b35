import type { RiskHalt } from '@hoga/contracts';
import { formatKrw } from '@hoga/model';
import { LOSS_LIMIT_ACTOR, type LiquidationPlan, type TradingStateEvent } from '@hoga/risk';
import type { AlertRequest } from '../adapters/risk-publisher.js';
import type { StoredRiskEvent } from '../adapters/risk-stream.js';

/**
 * What to send out after events were appended: a halt (if HALTED was entered, with the
 * liquidation order of the plan) and alerts.
 */
export interface TransitionEffects {
  readonly halt: { readonly changed: StoredRiskEvent; readonly data: RiskHalt['data'] } | null;
  readonly alerts: readonly AlertRequest[];
}

const planLines = (plan: LiquidationPlan): string =>
  [
    `liquidation (largest exposure first): ${plan.steps.length} sells, ${plan.dust.length} dust`,
    ...plan.steps
      .slice(0, 20)
      .map((s) => `- ${s.market} ${s.positionId}: ${formatKrw(s.exposureKrw, 'en', 'exact')}`),
  ].join('\n');

function breachBody(event: TradingStateEvent & { type: 'LossLimitBreached' }): string {
  const e = event.evaluation;
  return [
    `loss ${formatKrw(e.lossKrw, 'en', 'exact')} (${e.lossRatePct.toString()}%) reached the limit of ${formatKrw(e.limitKrw, 'en', 'exact')} (${event.ratePct.toString()}% of ${formatKrw(event.equityAtArming, 'en', 'exact')})`,
    `unrealized now ${formatKrw(e.totalUnrealizedPnl, 'en', 'exact')}, at arming ${formatKrw(event.unrealizedPnlAtArming, 'en', 'exact')}, realized since arming ${formatKrw(e.realizedPnlSinceArming, 'en', 'exact')}`,
  ].join('\n');
}

/**
 * The halt and the alerts of freshly appended events: a breach is `urgent` (dedupKey per
 * breach event), an operator halt `critical`, reduce `warning`, resume and limit changes `info`.
 */
export function transitionEffects(
  stored: readonly StoredRiskEvent[],
  plan: LiquidationPlan,
): TransitionEffects {
  let halt: TransitionEffects['halt'] = null;
  const alerts: AlertRequest[] = [];
  const breach = stored.find((s) => s.event.type === 'LossLimitBreached');
  for (const s of stored) {
    const event = s.event;
    if (event.type === 'LossLimitBreached')
      alerts.push({
        severity: 'urgent',
        title: 'hoga: loss limit breached, trading HALTED, liquidating',
        body: `${breachBody(event)}\n${planLines(plan)}`.slice(0, 4000),
        dedupKey: `loss-limit-breached:${s.envelope.id}`,
      });
    if (event.type === 'TradingStateChanged') {
      const byLimit = event.by === LOSS_LIMIT_ACTOR;
      if (event.to === 'HALTED') {
        const cause = byLimit ? 'loss-limit-breached' : 'operator';
        halt = {
          changed: s,
          data: {
            cause,
            by: event.by,
            reason: event.reason,
            commandId: event.commandId,
            liquidation: plan.steps.map((step) => ({
              positionId: step.positionId,
              notBeforeMs: step.notBeforeMs,
            })),
          },
        };
      }
      if (byLimit && breach !== undefined) continue;
      alerts.push({
        severity: event.to === 'HALTED' ? 'critical' : event.to === 'REDUCING' ? 'warning' : 'info',
        title: `hoga: trading ${event.from} -> ${event.to} by ${event.by}`.slice(0, 200),
        body: (event.to === 'HALTED' ? `${event.reason}\n${planLines(plan)}` : event.reason).slice(
          0,
          4000,
        ),
        dedupKey: `trading-state:${s.envelope.id}`,
      });
    }
    if (event.type === 'LossLimitArmed' || event.type === 'LossLimitDisarmed')
      alerts.push({
        severity: 'info',
        title:
          `hoga: loss limit ${event.type === 'LossLimitArmed' ? `armed at ${event.ratePct.toString()}%` : 'disarmed'} by ${event.by}`.slice(
            0,
            200,
          ),
        body: event.reason.slice(0, 4000),
        dedupKey: `loss-limit:${s.envelope.id}`,
      });
  }
  return { halt, alerts };
}
