import type { IndicatorRef } from '../strategy/strategy-spec.js';
import { BollingerBandIndicator } from './bollinger.indicator.js';
import { Ema } from './ema.indicator.js';
import type { Indicator } from './indicator.js';
import { PriceIndicator } from './price.indicator.js';
import { Roc } from './roc.indicator.js';
import { Rsi } from './rsi.indicator.js';
import { Sma } from './sma.indicator.js';

/** Identifies an indicator instance: equal refs share one instance (`ema:20:1m`). */
export function indicatorKey(ref: IndicatorRef): string {
  switch (ref.indicator) {
    case 'price':
      return 'price';
    case 'bollinger':
      return `bollinger:${ref.period}:${ref.interval}:${ref.band}:${ref.stdDev.toString()}`;
    default:
      return `${ref.indicator}:${ref.period}:${ref.interval}`;
  }
}

/** A fresh (cold) indicator for a decoded spec reference. */
export function createIndicator(ref: IndicatorRef): Indicator {
  switch (ref.indicator) {
    case 'price':
      return new PriceIndicator();
    case 'sma':
      return new Sma(ref.period);
    case 'ema':
      return new Ema(ref.period);
    case 'rsi':
      return new Rsi(ref.period);
    case 'roc':
      return new Roc(ref.period);
    case 'bollinger':
      return new BollingerBandIndicator(ref.period, ref.band, ref.stdDev.toNumber());
  }
}
