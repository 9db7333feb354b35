/** A position's exit levels and exit reason as the page words them (table, detail, chart). */
import { priceText } from './format.js';
import { t } from './i18n/i18n.js';
import type { PositionRow } from './positions.js';

const REASONS = [
  'take-profit',
  'stop-loss',
  'trailing-stop',
  'time-limit',
  'strategy-exit',
  'operator-close',
  'risk-halt',
  'cancelled',
] as const;
type Reason = (typeof REASONS)[number];
const isReason = (r: string): r is Reason => (REASONS as readonly string[]).includes(r);

/** Why it exited, translated (an unknown reason as sent). */
export const exitReasonText = (reason: string | null): string =>
  reason === null ? '' : isReason(reason) ? t(`exitReasons.${reason}`) : reason;

/** The trailing stop's price, else the peak that arms it, else a dash. */
export function trailingText(row: PositionRow): string {
  if (row.trailingStop !== undefined) return priceText(row.trailingStop);
  if (row.trailingArmsAt !== undefined)
    return t('levels.armsAt', { price: priceText(row.trailingArmsAt) });
  return '—';
}
