import { equal, ok } from 'node:assert/strict';
import { Label, Metrics, metricCatalog, prometheusLabel, prometheusName } from './catalog.js';

// OpenTelemetry's instrument name syntax (API spec): at most 255 characters.
const OTEL_NAME = /^[A-Za-z][A-Za-z0-9_.\-/]{0,254}$/;

describe('the metric catalog', () => {
  it('names every metric validly for OpenTelemetry, with a unit and a description', () => {
    for (const m of metricCatalog) {
      ok(OTEL_NAME.test(m.name), m.name);
      ok(m.unit.length > 0, `${m.name} has no unit`);
      ok(m.description.length > 10, `${m.name} has no description`);
    }
  });
  it('gives every metric its own Prometheus name', () => {
    const names = metricCatalog.map(prometheusName);
    equal(new Set(names).size, names.length, names.join(' '));
  });
  it('prefixes domain metrics with hoga. and uses the HTTP convention for Upbit calls', () => {
    for (const m of metricCatalog) ok(m.name.startsWith('hoga.') || m.name.startsWith('http.'));
    equal(Metrics.upbitRequestDuration.name, 'http.client.request.duration');
    equal(Metrics.upbitRequestDuration.unit, 's');
  });
  it('derives the scraped names as the Prometheus exporter does', () => {
    equal(prometheusName(Metrics.ticks), 'hoga_feed_ticks_total');
    equal(prometheusName(Metrics.lastTickAge), 'hoga_feed_last_tick_age');
    equal(prometheusName(Metrics.tickToOrder), 'hoga_tick_to_order_duration');
    equal(prometheusLabel(Label.market), 'hoga_market');
  });
  it('keeps label names distinct once sanitized', () => {
    const labels = Object.values(Label).map(prometheusLabel);
    equal(new Set(labels).size, labels.length);
  });
});
