import { deepStrictEqual, equal, notEqual, ok } from 'node:assert/strict';
import { DEFAULT_PARTITION_COUNT, subjects } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { eventually, OtlpReceiver, type ReceivedSpan } from '@hoga/testkit';
import { intentsOf } from '../harness/invariants.js';
import { runAndActivate, strategy, useStacks } from '../harness/scenario.js';
import type { ServiceName } from '../harness/service-process.js';

/** The subject of a position's order events with the stack's (default) partition count. */
const orderEvt = (id: string): string =>
  subjects.orderEvtFor(id as PositionId, DEFAULT_PARTITION_COUNT).subject;

const SERVICES: readonly ServiceName[] = [
  'market-feed',
  'position-actor',
  'order-executor',
  'risk-guard',
  'dashboard-gateway',
];

/** The span and its ancestors, root first (within what the receiver got). */
function lineage(spans: readonly ReceivedSpan[], leaf: ReceivedSpan): ReceivedSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const chain: ReceivedSpan[] = [leaf];
  for (let s = byId.get(leaf.parentSpanId); s !== undefined; s = byId.get(s.parentSpanId))
    chain.unshift(s);
  return chain;
}

const eventTypes = (s: ReceivedSpan): unknown => s.attributes['hoga.event.types'];
const has = (s: ReceivedSpan, type: string): boolean => {
  const types = eventTypes(s);
  return Array.isArray(types) && types.includes(type);
};

/** The append that closed position `id`, once exported. */
const closingSpan = (spans: readonly ReceivedSpan[], id: string): ReceivedSpan | undefined =>
  spans.find(
    (s) =>
      s.name === 'INSERT events' &&
      s.attributes['hoga.position.id'] === id &&
      has(s, 'PositionClosed'),
  );

describe('e2e: one trace from the tick to the fill (processes, OTLP/HTTP)', function () {
  this.timeout(90_000);
  const stacks = useStacks();
  let receiver: OtlpReceiver;
  before(async () => {
    receiver = await new OtlpReceiver().start();
  });
  after(() => receiver.stop());

  /** Five traced processes at a tick ratio; a position activated, taken to its take-profit, closed. */
  async function takeProfitTraced(ratio: string, label: string, strategyId: string) {
    const tracing = {
      HOGA_TRACING__OTLP_URL: receiver.tracesUrl,
      HOGA_TRACING__TICK_SAMPLE_RATIO: ratio,
    };
    const env = Object.fromEntries(SERVICES.map((s) => [s, tracing]));
    const stack = await stacks.make({ label, env });
    await stack.startAll();
    const id = await runAndActivate(
      stack,
      strategy(strategyId, { takeProfitPct: 2, stopLossPct: 2 }),
    );
    stacks.watch(id);
    const spansBefore = receiver.spans.length;
    await stack.tradeUntil('103000000', async () => stack.until(id, 'ExitTriggered', 0));
    await stack.until(id, 'PositionClosed');
    return { stack, id, spansBefore };
  }

  /**
   * The span of the append that closes position `id` and every ancestor, root first. Each process
   * exports on its own batch timer: waits until the chain reaches its root (the executor's spans
   * may arrive after the position's closing span).
   */
  function closingChain(id: string) {
    return eventually(
      () => {
        const span = closingSpan(receiver.spans, id);
        ok(span, 'the append that closes the position is exported');
        const chain = lineage(receiver.trace(span.traceId), span);
        equal(
          chain[0]?.parentSpanId,
          '',
          `the chain reaches its root: ${chain.map((s) => s.name).join(' <- ')}`,
        );
        return chain;
      },
      20_000,
      200,
    );
  }

  it('a take-profit: market-feed -> actor -> outbox -> relay -> executor -> POST /v1/orders -> fill -> position, one trace, each span the parent of the next', async () => {
    const { stack, id } = await takeProfitTraced('1', 'trace_tp', 'e2e-trace');
    const exit = (await intentsOf(stack, id)).find((i) => i.leg === 'exit');
    ok(exit, 'an exit order was requested');

    // The position's close, applied from the exit fill: its span and every ancestor.
    const closing = await closingChain(id);
    deepStrictEqual(receiver.refused, [], 'every export decoded');

    const steps = closing.map((s) => `${s.service}: ${s.name}`);
    const expected = [
      'market-feed: send hoga.md.tick.KRW-BTC',
      'position-actor: process hoga.md.tick.KRW-BTC',
      'position-actor: INSERT events',
      'position-actor: send hoga.order.cmd',
      'order-executor: process hoga.order.cmd',
      `order-executor: send ${orderEvt(id)}`,
      `position-actor: process ${orderEvt(id)}`,
      'position-actor: INSERT events',
    ];
    // The fill is recorded either in the command's own span (the POST's answer carried the
    // trades) or in a `fill myOrder`/`fill rest` span under it: both continue the same trace.
    const withoutFill = steps.filter((s) => !/^order-executor: fill (myOrder|rest)$/.test(s));
    deepStrictEqual(withoutFill, expected, steps.join('\n'));
    ok(withoutFill.length >= steps.length - 1, 'at most one fill span in the chain');

    const traceId = closing[0]!.traceId;
    ok(
      closing.every((s) => s.traceId === traceId),
      'one trace id',
    );
    ok(has(closing[2]!, 'ExitOrderRequested'), 'the decision appends the exit order request');
    equal(closing[2]?.attributes['hoga.position.id'], id);
    equal(
      closing[4]?.attributes['messaging.message.id'],
      exit.orderId,
      'the executor took the exit command',
    );
    equal(closing[0]?.kind, 4, 'the tick is sent by a PRODUCER span');
    equal(closing[4]?.kind, 5, 'the command is processed by a CONSUMER span');
    for (let i = 1; i < closing.length; i++)
      ok(closing[i]!.startNs >= closing[i - 1]!.startNs, `${steps[i]} starts after its parent`);

    // The Upbit call is an HTTP client span of the executor's command span, in the same trace.
    const post = receiver
      .trace(traceId)
      .find((s) => s.name === 'POST /v1/orders' && s.parentSpanId === closing[4]!.spanId);
    ok(post, 'POST /v1/orders under the command span');
    equal(post.kind, 3, 'CLIENT');
    equal(post.attributes['http.request.method'], 'POST');
    equal(post.attributes['http.response.status_code'], 201);
    equal(post.attributes['url.full'], `${stack.emulator.url}/v1/orders`);
  });

  it('tick ratio 0: no tick trace is kept, yet the take-profit order is — its own trace, linked to the tick', async () => {
    const { id, spansBefore: before } = await takeProfitTraced('0', 'trace_r0', 'e2e-trace0');
    const closing = await closingChain(id);
    const steps = closing
      .map((s) => `${s.service}: ${s.name}`)
      .filter((s) => !/: fill (myOrder|rest)$/.test(s));
    deepStrictEqual(steps, [
      'position-actor: INSERT events',
      'position-actor: send hoga.order.cmd',
      'order-executor: process hoga.order.cmd',
      `order-executor: send ${orderEvt(id)}`,
      `position-actor: process ${orderEvt(id)}`,
      'position-actor: INSERT events',
    ]);
    const decision = closing[0]!;
    equal(decision.parentSpanId, '', 'the decision is the root of its trace');
    ok(has(decision, 'ExitOrderRequested'));
    equal(decision.links.length, 1, 'linked to the tick that triggered it');
    notEqual(decision.links[0]?.traceId, decision.traceId);
    const ticks = receiver.spans
      .slice(before)
      .filter(
        (s) => s.name.startsWith('send hoga.md.tick') || s.name.startsWith('process hoga.md.tick'),
      );
    deepStrictEqual(ticks, [], 'no tick span is kept at ratio 0');
  });
});
