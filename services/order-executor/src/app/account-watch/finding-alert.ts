import type { AccountFinding } from '@hoga/contracts';
import type { AlertInput } from '../../adapters/bus/alerts.js';

const SIDE = { bid: 'buy', ask: 'sell' } as const;

const figure = (label: string, value: { toFixed(): string } | null): string =>
  value === null ? '' : ` ${label} ${value.toFixed()}`;

/**
 * The warning alert of a finding: market, side, price, volume, state and when, and what the
 * operator does next. One per finding: the dedup key is the finding id.
 */
export function findingAlert(f: AccountFinding): AlertInput {
  const dedupKey = `account-finding:${f.findingId}`;
  if (f.kind === 'balance-drift' && f.drift !== null) {
    const d = f.drift;
    return {
      severity: 'warning',
      title: `${f.market}: the account holds ${d.exchangeVolume.toFixed()} ${d.currency}, hoga's positions ${d.hogaVolume.toFixed()}`,
      body:
        `Balance drift on ${f.market}: ${d.missingVolume.toFixed()} ${d.currency} (~${d.missingKrw.toFixed()} KRW) ` +
        `that hoga's orders bought are not on the account (sold or withdrawn outside hoga); ` +
        `an exit of the positions may fail for funds. Detected ${f.detectedAt}. Policy: ${f.policy}. ` +
        `Finding ${f.findingId}: see \`hoga account status\`, then \`hoga account ack ${f.findingId} --reason ...\`.`,
      dedupKey,
    };
  }
  const side = f.side === null ? 'order' : SIDE[f.side];
  const what = `${f.market} ${side} ${f.ordType ?? ''}${figure('price', f.price)}${figure('volume', f.volume)}`;
  return {
    severity: 'warning',
    title: `Order hoga did not place: ${what} (${f.state})`,
    body:
      `An order on the account was not placed by hoga (the Upbit app, another bot or a leaked key): ` +
      `${what}, state ${f.state},${figure('executed', f.executedVolume)}${figure('funds', f.executedFunds)}, ` +
      `placed ${f.placedAt ?? 'at an unknown time'}, seen ${f.detectedAt} (${f.source}), uuid ${f.exchangeOrderId ?? '?'}. ` +
      `hoga neither adopts nor cancels it. Policy: ${f.policy}. ` +
      `Finding ${f.findingId}: see \`hoga account status\`, then \`hoga account ack ${f.findingId} --reason ...\`.`,
    dedupKey,
  };
}
