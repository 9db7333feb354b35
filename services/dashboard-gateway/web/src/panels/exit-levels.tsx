import { Show } from 'solid-js';
import { priceText, timeText } from '../format.js';
import { t } from '../i18n/i18n.js';
import { exitReasonText, trailingText } from '../levels.js';
import type { PositionRow } from '../positions.js';

/**
 * A position's entry time and exit levels in its detail: the prices on the tick grid where the
 * engine's exits fire (a paused position keeps stop-loss, trailing stop and time limit armed;
 * its take-profit waits), and why it exited once it did.
 */
export function ExitLevels(props: { row: () => PositionRow }) {
  const r = () => props.row();
  return (
    <dl data-detail="levels" aria-label={t('levels.title')}>
      <dt>{t('table.enteredAt')}</dt>
      <dd data-level="enteredAt">{timeText(r().enteredAt)}</dd>
      <dt>{t('table.takeProfit')}</dt>
      <dd data-level="takeProfit">
        {priceText(r().takeProfit)}
        {r().paused && r().takeProfit !== undefined ? ` (${t('levels.suspended')})` : ''}
      </dd>
      <dt>{t('table.stopLoss')}</dt>
      <dd data-level="stopLoss">{priceText(r().stopLoss)}</dd>
      <dt>{t('table.trailingStop')}</dt>
      <dd data-level="trailingStop">{trailingText(r())}</dd>
      <dt>{t('levels.timeLimit')}</dt>
      <dd data-level="timeLimit">{timeText(r().timeLimitAt)}</dd>
      <Show when={r().exitReason}>
        <dt>{t('table.exitReason')}</dt>
        <dd data-level="exitReason">{exitReasonText(r().exitReason)}</dd>
      </Show>
    </dl>
  );
}
