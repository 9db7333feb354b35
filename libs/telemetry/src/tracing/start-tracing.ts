import { context, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  type SpanExporter,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { orderKeepingSampler } from './order-keeping-sampler.js';
import { setTracingOn, tracingOn } from './spans.js';
import type { TracingConfig } from './tracing-config.js';

/** A running tracer provider. */
export interface Tracing {
  /** Exports the spans ended so far. */
  flush(): Promise<void>;
  /** Exports what is left, then uninstalls: the process is untraced again. */
  shutdown(): Promise<void>;
}

export interface StartTracingOptions extends TracingConfig {
  /** `service.name` of every span. */
  readonly service: string;
  /** Where spans go instead of OTLP (tests, the bench). */
  readonly exporter?: SpanExporter;
}

/** What `startTracing` returns when there is nothing to export: tracing stays off. */
const OFF: Tracing = { flush: async () => undefined, shutdown: async () => undefined };

/**
 * Installs a tracer provider for this process (ADR 0057: sdk-trace-base + AsyncLocalStorage
 * context + W3C propagation + OTLP/HTTP, batched) when an OTLP URL or an exporter is given;
 * otherwise installs nothing, and every span helper stays a plain call. One provider per
 * process: a second start is refused with an error.
 */
export function startTracing(options: StartTracingOptions): Tracing {
  const exporter =
    options.exporter ??
    (options.otlpUrl === undefined ? undefined : new OTLPTraceExporter({ url: options.otlpUrl }));
  if (exporter === undefined) return OFF;
  if (tracingOn()) throw new Error('tracing is already started in this process');
  const processor = new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1000 });
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.service }),
    sampler: orderKeepingSampler(options.tickSampleRatio),
    spanProcessors: [processor],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  setTracingOn(true);
  return {
    flush: () => provider.forceFlush(),
    shutdown: async () => {
      setTracingOn(false);
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        propagation.disable();
        context.disable();
      }
    },
  };
}
