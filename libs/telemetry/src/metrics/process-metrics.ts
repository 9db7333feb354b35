import type { Meter } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  MeterProvider,
  PeriodicExportingMetricReader,
  type IMetricReader,
} from '@opentelemetry/sdk-metrics';
import { HealthChecks } from './health.js';
import { Label, Metrics } from './catalog.js';
import { noMetrics, observeGauge } from './instruments.js';
import { startMetricsListener, type MetricsListener } from './metrics-listener.js';
import type { MetricsSettings } from './metrics.settings.js';

/** Series one instrument may keep; beyond it the SDK folds new label sets into an overflow. */
export const CARDINALITY_LIMIT = 2000;

/** What a service records into and registers its readiness with (a process's, or unserved). */
export interface ServiceMetrics {
  readonly meter: Meter;
  readonly health: HealthChecks;
}

/** Metrics that go nowhere: a no-op meter and health checks no listener asks. */
export const unservedMetrics = (): ServiceMetrics => ({
  meter: noMetrics,
  health: new HealthChecks(),
});

/** The metrics of one process: a meter, its health checks, the listener that serves both. */
export interface ProcessMetrics extends ServiceMetrics {
  /** `http://host:port` of the listener. */
  readonly url: string;
  /** `${url}/metrics`. */
  readonly metricsUrl: string;
  /** Exports what is pending (OTLP), closes the listener, shuts the provider down. */
  stop(): Promise<void>;
}

export interface StartProcessMetricsOptions {
  /** `service.name` of the resource: a service's name, or `hoga` for the all-in-one. */
  readonly service: string;
  readonly settings: MetricsSettings;
}

/**
 * Starts the OpenTelemetry meter provider of a process with a Prometheus reader served on the
 * process's metrics listener, and an OTLP/HTTP reader when `otlpUrl` is set (none otherwise:
 * nothing is exported, and instruments only aggregate in memory until scraped).
 */
export async function startProcessMetrics(
  options: StartProcessMetricsOptions,
): Promise<ProcessMetrics> {
  const { settings } = options;
  const prometheus = new PrometheusExporter({ preventServerStart: true, withoutScopeInfo: true });
  const readers: IMetricReader[] = [prometheus];
  if (settings.otlpUrl !== null)
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new OTLPMetricExporter({ url: settings.otlpUrl }),
        exportIntervalMillis: settings.otlpIntervalMs,
        exportTimeoutMillis: Math.min(settings.otlpIntervalMs, 10_000),
      }),
    );
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': options.service }),
    views: [{ instrumentName: '*', aggregationCardinalityLimit: CARDINALITY_LIMIT }],
    readers,
  });
  const health = new HealthChecks();
  let listener: MetricsListener;
  try {
    listener = await startMetricsListener({
      host: settings.host,
      port: settings.port,
      health,
      scrape: (request, response) => prometheus.getMetricsRequestHandler(request, response),
    });
  } catch (error) {
    await provider.shutdown().catch(() => undefined);
    throw error;
  }
  const meter = provider.getMeter('hoga');
  observeGauge(meter, Metrics.ready, async () =>
    Object.entries((await health.readiness()).checks).map(
      ([name, up]) => [up ? 1 : 0, { [Label.dependency]: name }] as const,
    ),
  );
  let stopping: Promise<void> | undefined;
  return {
    meter,
    health,
    url: listener.url,
    metricsUrl: listener.metricsUrl,
    stop: () =>
      (stopping ??= (async () => {
        await listener.close();
        await provider.shutdown().catch(() => undefined);
      })()),
  };
}
