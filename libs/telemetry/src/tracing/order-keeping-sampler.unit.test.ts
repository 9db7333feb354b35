import { deepStrictEqual, equal, notEqual, ok } from 'node:assert/strict';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { SpanKind } from '@opentelemetry/api';
import { inKeptSpan, inSpan, traceHeaders } from './spans.js';
import { startTracing } from './start-tracing.js';

/** Runs a tick trace (market-feed -> actor) that decides an order, under a tick ratio. */
async function tickThenOrder(tickSampleRatio: number) {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ service: 's', otlpUrl: undefined, tickSampleRatio, exporter });
  try {
    const onTick = inSpan(
      'send hoga.md.tick.KRW-BTC',
      { kind: SpanKind.PRODUCER, tickRoot: true },
      () => traceHeaders(),
    );
    const onOrder = inSpan('process hoga.md.tick.KRW-BTC', { parent: onTick }, () =>
      inKeptSpan('append position', {}, () => traceHeaders()),
    );
    const executor = inSpan('process hoga.order.cmd', { parent: onOrder }, () => traceHeaders());
    await tracing.flush();
    return { spans: exporter.getFinishedSpans(), onTick, onOrder, executor };
  } finally {
    await tracing.shutdown();
  }
}

const traceIdOf = (headers: Record<string, string>) => headers['traceparent']?.split('-')[1];

describe('sampling: tick traces by ratio, every order trace kept (ADR 0057)', () => {
  it('ratio 1: one trace from the tick to the executor, each span the child of the one before', async () => {
    const { spans } = await tickThenOrder(1);
    deepStrictEqual(
      spans.map((s) => s.name),
      [
        'send hoga.md.tick.KRW-BTC',
        'append position',
        'process hoga.md.tick.KRW-BTC',
        'process hoga.order.cmd',
      ],
    );
    const byName = new Map(spans.map((s) => [s.name, s]));
    const parentOf = (name: string) => byName.get(name)?.parentSpanContext?.spanId;
    const idOf = (name: string) => byName.get(name)?.spanContext().spanId;
    equal(new Set(spans.map((s) => s.spanContext().traceId)).size, 1);
    equal(parentOf('process hoga.md.tick.KRW-BTC'), idOf('send hoga.md.tick.KRW-BTC'));
    equal(parentOf('append position'), idOf('process hoga.md.tick.KRW-BTC'));
    equal(parentOf('process hoga.order.cmd'), idOf('append position'));
  });

  it('ratio 0: the tick is dropped, but the order starts its own kept trace linked to the tick', async () => {
    const { spans, onTick, onOrder, executor } = await tickThenOrder(0);
    deepStrictEqual(
      spans.map((s) => s.name),
      ['append position', 'process hoga.order.cmd'],
    );
    ok(onTick['traceparent']?.endsWith('-00'), 'the tick travels unsampled');
    ok(onOrder['traceparent']?.endsWith('-01'), 'the order command travels sampled');
    notEqual(traceIdOf(onOrder), traceIdOf(onTick));
    equal(traceIdOf(executor), traceIdOf(onOrder));
    const [decision] = spans;
    equal(decision?.parentSpanContext, undefined, 'the decision is a root');
    equal(decision?.links[0]?.context.traceId, traceIdOf(onTick), 'linked to the tick trace');
  });
});
