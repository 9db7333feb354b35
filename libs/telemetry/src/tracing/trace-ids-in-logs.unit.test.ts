import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createLogger, jsonLineSink, memorySink } from '../logger.js';
import { inSpan, traceHeaders } from './spans.js';
import { startTracing, type Tracing } from './start-tracing.js';

describe('logs carry the trace of the span they are written in', () => {
  let exporter: InMemorySpanExporter;
  let tracing: Tracing;
  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    tracing = startTracing({
      service: 'logs-test',
      otlpUrl: undefined,
      tickSampleRatio: 1,
      exporter,
    });
  });
  afterEach(async () => {
    await tracing.shutdown();
  });

  it('a JSON line written in a span has its trace_id and span_id; one outside has neither', async () => {
    const lines: string[] = [];
    const logger = createLogger({ service: 'x', sinks: [jsonLineSink((l) => lines.push(l))] });
    logger.info('before');
    await inSpan('work', {}, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.child({ positionId: 'p-1' }).info('inside, after an await');
    });
    logger.info('after');
    await tracing.flush();
    const [span] = exporter.getFinishedSpans();
    ok(span, 'the span was recorded');
    const [before, inside, after] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    equal(before?.['trace_id'], undefined);
    equal(inside?.['trace_id'], span.spanContext().traceId);
    equal(inside?.['span_id'], span.spanContext().spanId);
    equal(inside?.['positionId'], 'p-1');
    equal(after?.['span_id'], undefined);
  });

  it('a line in a span continued from a message carries that message trace', () => {
    const sink = memorySink();
    const logger = createLogger({ service: 'x', sinks: [sink] });
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const parent = { traceparent: `00-${traceId}-b7ad6b7169203331-01` };
    const sent = inSpan('process hoga.order.cmd', { parent }, () => {
      logger.warn('handling');
      return traceHeaders();
    });
    equal(sink.records[0]?.fields['trace_id'], traceId);
    ok(sent['traceparent']?.startsWith(`00-${traceId}-`));
    equal(sent['traceparent']?.split('-')[2], sink.records[0]?.fields['span_id']);
  });
});

describe('tracing off (no OTLP URL)', () => {
  it('installs nothing: spans run the callback, logs carry no ids, headers are empty', async () => {
    const tracing = startTracing({ service: 'off', otlpUrl: undefined, tickSampleRatio: 1 });
    const sink = memorySink();
    const logger = createLogger({ service: 'x', sinks: [sink] });
    const result = inSpan('work', {}, (span) => {
      logger.info('in a span that is not recorded');
      equal(span.isRecording(), false);
      return traceHeaders();
    });
    deepStrictEqual(result, {});
    deepStrictEqual(Object.keys(sink.records[0]?.fields ?? {}), []);
    await tracing.shutdown();
  });
});
