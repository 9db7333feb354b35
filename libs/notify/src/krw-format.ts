/** The KRW formatters live in `@hoga/model` (browser-safe, shared with the web dashboard). */
export {
  formatDuration,
  formatKrw,
  formatPercent,
  formatPrice,
  groupThousands,
  type TextLanguage as NotifyLanguage,
} from '@hoga/model';
