import type { Decimal } from '@hoga/model';
import type { ExecutorTrade } from '../executor-records.js';
import { discrepancy, type Finding } from '../finding.js';

/**
 * fee-rule: Upbit's rules for one trade (docs: KRW market 0.05 % maker and taker, both sides;
 * fees reported with all their decimals): funds = price x volume and fee = funds x a fee rate
 * of the market, exactly.
 */
export function feeRules(
  positionId: string,
  trades: readonly ExecutorTrade[],
  feeRates: readonly Decimal[],
): Finding[] {
  const findings: Finding[] = [];
  for (const t of trades) {
    const funds = t.price.mul(t.volume);
    if (!funds.eq(t.funds))
      findings.push(
        discrepancy(
          'fee-rule',
          positionId,
          `trade ${t.tradeUuid}: funds ${t.funds.toString()} is not price x volume (${funds.toString()})`,
          {
            tradeUuid: t.tradeUuid,
            price: t.price.toString(),
            volume: t.volume.toString(),
            funds: t.funds.toString(),
            expected: funds.toString(),
          },
        ),
      );
    const allowed = feeRates.map((rate) => t.funds.mul(rate));
    if (!allowed.some((fee) => fee.eq(t.fee)))
      findings.push(
        discrepancy(
          'fee-rule',
          positionId,
          `trade ${t.tradeUuid}: fee ${t.fee.toString()} KRW is not funds x the fee rate ` +
            `(${allowed.map((a) => a.toString()).join(' or ')} KRW)`,
          {
            tradeUuid: t.tradeUuid,
            funds: t.funds.toString(),
            fee: t.fee.toString(),
            expected: allowed.map((a) => a.toString()).join(' '),
            rates: feeRates.map((r) => r.toString()).join(' '),
          },
        ),
      );
  }
  return findings;
}
