import { metricCatalog, prometheusLabel, prometheusName } from '@hoga/telemetry';

/** Series every Prometheus target has, and labels Prometheus or our scrape config adds. */
const PROMETHEUS_SERIES = ['up'];
const PROMETHEUS_LABELS = ['job', 'instance', 'service', 'le'];

/** Every series name the catalog's metrics are scraped as (histograms: `_bucket`, `_sum`, `_count`). */
export function catalogSeries(): Set<string> {
  return new Set([
    ...PROMETHEUS_SERIES,
    ...metricCatalog.flatMap((m) => {
      const name = prometheusName(m);
      return m.kind === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name];
    }),
  ]);
}

/** Every label name the catalog's metrics carry, as Prometheus shows it. */
export function catalogLabels(): Set<string> {
  return new Set([
    ...PROMETHEUS_LABELS,
    ...metricCatalog.flatMap((m) => m.labels.map(prometheusLabel)),
  ]);
}
