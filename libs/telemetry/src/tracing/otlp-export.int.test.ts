import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { SpanKind } from '@opentelemetry/api';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { OtlpReceiver } from '@hoga/testkit';
import { inSpan } from './spans.js';
import { startTracing } from './start-tracing.js';
import { sendAttributes } from './span-attributes.js';

describe('OTLP/HTTP export to the test kit receiver', () => {
  let receiver: OtlpReceiver;
  beforeEach(async () => {
    receiver = await new OtlpReceiver().start();
  });
  afterEach(() => receiver.stop());

  it('a configured URL exports the spans over OTLP/HTTP, parent and attributes intact', async () => {
    const tracing = startTracing({
      service: 'market-feed',
      otlpUrl: receiver.tracesUrl,
      tickSampleRatio: 1,
    });
    inSpan(
      'send hoga.md.tick.KRW-BTC',
      { kind: SpanKind.PRODUCER, attributes: sendAttributes('hoga.md.tick.KRW-BTC', 'tick:1') },
      () => inSpan('child', {}, () => undefined),
    );
    await tracing.shutdown();
    deepStrictEqual(receiver.refused, []);
    const [child, send] = receiver.spans;
    equal(send?.service, 'market-feed');
    equal(send?.kind, 4, 'PRODUCER');
    equal(send?.attributes['messaging.destination.name'], 'hoga.md.tick.KRW-BTC');
    equal(send?.attributes['messaging.message.id'], 'tick:1');
    equal(child?.parentSpanId, send?.spanId);
    equal(child?.traceId, send?.traceId);
    equal(send?.parentSpanId, '');
  });

  it('decodes the protobuf encoding (the OTLP default) of the same spans', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = startTracing({
      service: 'order-executor',
      otlpUrl: undefined,
      tickSampleRatio: 1,
      exporter,
    });
    inSpan(
      'POST',
      {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.response.status_code': 201,
          'url.full': 'http://x/v1/orders',
          ok: true,
          ratio: 0.5,
        },
      },
      () => inSpan('inner', {}, () => undefined),
    );
    await tracing.flush();
    const finished = exporter.getFinishedSpans();
    await tracing.shutdown();
    const body = ProtobufTraceSerializer.serializeRequest(finished);
    ok(body);
    const res = await fetch(receiver.tracesUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body,
    });
    equal(res.status, 200);
    const post = receiver.spans.find((s) => s.name === 'POST');
    const inner = receiver.spans.find((s) => s.name === 'inner');
    equal(post?.service, 'order-executor');
    equal(post?.kind, 3, 'CLIENT');
    equal(post?.traceId, finished[1]?.spanContext().traceId);
    equal(post?.spanId, finished[1]?.spanContext().spanId);
    deepStrictEqual(post?.attributes, {
      'http.response.status_code': 201,
      'url.full': 'http://x/v1/orders',
      ok: true,
      ratio: 0.5,
    });
    equal(inner?.parentSpanId, post?.spanId);
    ok((post?.endNs ?? 0n) >= (post?.startNs ?? 1n) && (post?.startNs ?? 0n) > 0n);
  });

  it('refuses a body that is not an export request with 400 and the reason, and keeps nothing', async () => {
    const post = (type: string, body: string | Uint8Array) =>
      fetch(receiver.tracesUrl, { method: 'POST', headers: { 'content-type': type }, body });
    equal(
      (
        await post(
          'application/json',
          '{"resourceSpans":[{"scopeSpans":[{"spans":[{"name":1}]}]}]}',
        )
      ).status,
      400,
    );
    equal((await post('application/x-protobuf', new Uint8Array([0x0a, 0x05, 0x01]))).status, 400);
    equal((await post('text/plain', 'hello')).status, 415);
    deepStrictEqual(receiver.spans, []);
    ok(receiver.refused[0]?.reason.startsWith('OtlpDecodeError'));
    ok(receiver.refused[1]?.reason.includes('runs past the end'));
  });
});
