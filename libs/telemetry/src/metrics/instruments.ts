import type {
  Attributes,
  Counter,
  Gauge,
  Histogram,
  Meter,
  ObservableResult,
} from '@opentelemetry/api';
import { createNoopMeter } from '@opentelemetry/api';
import type { MetricSpec } from './catalog.js';

/** A meter that records nothing: what a service uses when started without metrics. */
export const noMetrics: Meter = createNoopMeter();

/** A counter of the catalog. */
export function counterOf(meter: Meter, spec: MetricSpec): Counter {
  expectKind(spec, 'counter');
  return meter.createCounter(spec.name, { unit: spec.unit, description: spec.description });
}

/** A histogram of the catalog, with the catalog's buckets. */
export function histogramOf(meter: Meter, spec: MetricSpec): Histogram {
  expectKind(spec, 'histogram');
  return meter.createHistogram(spec.name, {
    unit: spec.unit,
    description: spec.description,
    ...(spec.buckets ? { advice: { explicitBucketBoundaries: [...spec.buckets] } } : {}),
  });
}

/** A gauge of the catalog set when the value is known (e.g. a response header). */
export function gaugeOf(meter: Meter, spec: MetricSpec): Gauge {
  expectKind(spec, 'gauge');
  return meter.createGauge(spec.name, { unit: spec.unit, description: spec.description });
}

/** One value of an observed gauge and its labels. */
export type Observation = readonly [value: number, attributes?: Attributes];

/**
 * A gauge of the catalog read at each collection (scrape or OTLP export) from `collect`;
 * returns a function that stops observing. A failing `collect` reports nothing that time.
 */
export function observeGauge(
  meter: Meter,
  spec: MetricSpec,
  collect: () => Iterable<Observation> | Promise<Iterable<Observation>>,
): () => void {
  expectKind(spec, 'gauge');
  const gauge = meter.createObservableGauge(spec.name, {
    unit: spec.unit,
    description: spec.description,
  });
  const callback = async (result: ObservableResult) => {
    let observations: Iterable<Observation>;
    try {
      observations = await collect();
    } catch {
      return;
    }
    for (const [value, attributes] of observations)
      if (Number.isFinite(value)) result.observe(value, attributes);
  };
  gauge.addCallback(callback);
  return () => gauge.removeCallback(callback);
}

/**
 * A counter of the catalog whose total is read at each collection (a count kept elsewhere,
 * e.g. connections made); returns a function that stops observing.
 */
export function observeCounter(
  meter: Meter,
  spec: MetricSpec,
  collect: () => Iterable<Observation>,
): () => void {
  expectKind(spec, 'counter');
  const counter = meter.createObservableCounter(spec.name, {
    unit: spec.unit,
    description: spec.description,
  });
  const callback = (result: ObservableResult) => {
    for (const [value, attributes] of collect())
      if (Number.isFinite(value) && value >= 0) result.observe(value, attributes);
  };
  counter.addCallback(callback);
  return () => counter.removeCallback(callback);
}

/**
 * An exact decimal (KRW, prices) as a metric value: the one place money becomes a float, at the
 * metric edge. Takes the decimal's text so no library type leaks in here.
 */
export const metricNumber = (exact: { toString(): string }): number => Number(exact.toString());

function expectKind(spec: MetricSpec, kind: MetricSpec['kind']): void {
  if (spec.kind !== kind)
    throw new TypeError(`metric ${spec.name} is a ${spec.kind}, not a ${kind}`);
}

/** Keeps a label's values bounded: the first `max` distinct values, then `other`. */
export class BoundedLabel {
  private readonly seen = new Set<string>();
  constructor(
    private readonly max: number,
    allowed: Iterable<string> = [],
  ) {
    for (const value of allowed) this.seen.add(value);
  }

  of(value: string): string {
    if (this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(value);
    return value;
  }
}
