import type { AlertSeverity, TradingState } from '@hoga/contracts';
import {
  formatDuration,
  formatKrw,
  formatPercent,
  formatPrice,
  type Decimal,
  type TextLanguage as NotifyLanguage,
} from '@hoga/model';

/** The parts of an alert a message text decides; the caller adds `source` and the envelope. */
export interface AlertText {
  readonly severity: AlertSeverity;
  readonly title: string;
  readonly body: string;
  readonly dedupKey: string;
}

/** Figures of a loss-limit breach. Rates are percentages (10 means 10%). */
export interface LossLimitBreach {
  readonly lossKrw: Decimal;
  readonly lossRatePct: Decimal;
  readonly equityAtArmingKrw: Decimal;
  readonly limitPct: Decimal;
  /** Markets or position ids being liquidated. */
  readonly liquidating: readonly string[];
}

const pick = (lang: NotifyLanguage, ko: string, en: string): string => (lang === 'ko' ? ko : en);

/** The loss limit was breached: trading halts and every position is liquidated. */
export function lossLimitBreachedText(b: LossLimitBreach, lang: NotifyLanguage): AlertText {
  const list = b.liquidating.length > 0 ? b.liquidating.join(', ') : '-';
  const n = b.liquidating.length;
  return {
    severity: 'urgent',
    dedupKey: 'loss-limit-breached',
    title: pick(lang, '손실 한도 초과: 거래 중지', 'Loss limit breached: trading HALTED'),
    body: [
      pick(
        lang,
        `손실: ${formatKrw(b.lossKrw, lang)} (${formatPercent(b.lossRatePct)})`,
        `Loss: ${formatKrw(b.lossKrw, lang)} (${formatPercent(b.lossRatePct)})`,
      ),
      pick(
        lang,
        `기준 자산: ${formatKrw(b.equityAtArmingKrw, lang)}`,
        `Equity at arming: ${formatKrw(b.equityAtArmingKrw, lang)}`,
      ),
      pick(lang, `한도: ${formatPercent(b.limitPct)}`, `Limit: ${formatPercent(b.limitPct)}`),
      pick(lang, `청산 중인 포지션 ${n}개: ${list}`, `Liquidating ${n} position(s): ${list}`),
    ].join('\n'),
  };
}

/** Who changed the trading state, and why. */
export interface TradingStateChange {
  readonly from: TradingState;
  readonly to: TradingState;
  readonly by: string;
  readonly reason: string;
  /** When it changed (ISO), to keep distinct changes distinct in deduplication. */
  readonly at: string;
}

/** The global trading state changed (ACTIVE / REDUCING / HALTED). */
export function tradingStateChangedText(c: TradingStateChange, lang: NotifyLanguage): AlertText {
  return {
    severity: c.to === 'HALTED' ? 'critical' : c.to === 'REDUCING' ? 'warning' : 'info',
    dedupKey: `trading-state:${c.from}->${c.to}:${c.at}`,
    title: pick(lang, `거래 상태 변경: ${c.from} → ${c.to}`, `Trading state: ${c.from} → ${c.to}`),
    body: pick(lang, `변경자: ${c.by}\n사유: ${c.reason}`, `By: ${c.by}\nReason: ${c.reason}`),
  };
}

/** An order whose outcome the executor could not learn from the exchange. */
export interface UnknownOrderOutcome {
  readonly orderId: string;
  readonly market: string;
  readonly side: 'bid' | 'ask';
  /** The limit price, when it had one. */
  readonly price?: Decimal;
}

/** An order's outcome is unknown: someone must check the exchange. */
export function orderOutcomeUnknownText(o: UnknownOrderOutcome, lang: NotifyLanguage): AlertText {
  const side = pick(lang, o.side === 'bid' ? '매수' : '매도', o.side === 'bid' ? 'buy' : 'sell');
  const at = o.price === undefined ? '' : ` @ ${formatPrice(o.price, lang)}`;
  return {
    severity: 'urgent',
    dedupKey: `order-unknown:${o.orderId}`,
    title: pick(lang, `주문 결과 불명: ${o.market}`, `Order outcome unknown: ${o.market}`),
    body: pick(
      lang,
      `주문 ${o.orderId} (${side}${at})의 결과를 확인할 수 없습니다. 거래소에서 확인하세요.`,
      `Order ${o.orderId} (${side}${at}) has an unknown outcome. Check the exchange.`,
    ),
  };
}

/** A watchdog saw nothing from `what` (a service, the market feed) for `silentForMs`. */
export function watchdogSilenceText(
  w: { readonly what: string; readonly silentForMs: number },
  lang: NotifyLanguage,
): AlertText {
  const d = formatDuration(w.silentForMs, lang);
  return {
    severity: 'critical',
    dedupKey: `watchdog-silence:${w.what}`,
    title: pick(lang, `응답 없음: ${w.what}`, `Silence: ${w.what}`),
    body: pick(
      lang,
      `${w.what}에서 ${d} 동안 신호가 없습니다.`,
      `Nothing from ${w.what} for ${d}.`,
    ),
  };
}

/** A position went to `error`: automated trading of it stopped. */
export function positionErrorText(
  p: { readonly positionId: string; readonly market: string; readonly reason: string },
  lang: NotifyLanguage,
): AlertText {
  return {
    severity: 'critical',
    dedupKey: `position-error:${p.positionId}`,
    title: pick(lang, `포지션 오류: ${p.market}`, `Position error: ${p.market}`),
    body: pick(
      lang,
      `포지션 ${p.positionId}: ${p.reason}\n자동 거래가 중지되었습니다. 재시도하거나 해제하세요.`,
      `Position ${p.positionId}: ${p.reason}\nAutomated trading stopped; retry the close or dismiss it.`,
    ),
  };
}

/** The marker in front of a title: urgent alerts stand out in a chat list. */
export const SEVERITY_MARKER: Readonly<Record<AlertSeverity, string>> = {
  urgent: '🚨 [URGENT]',
  critical: '❗',
  warning: '⚠️',
  info: 'ℹ️',
};
