import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { createInProcessBus, type Bus } from '@hoga/bus';
import { subjects, type Tick } from '@hoga/contracts';
import { InMemoryEventStore } from '@hoga/event-store';
import { dec, type Market } from '@hoga/model';
import { createLogger, startTracing, type Tracing } from '@hoga/telemetry';
import { eventually, OtlpReceiver, turns, type ReceivedSpan } from '@hoga/testkit';
import { startService, type RiskGuardService } from './service.js';
import { accountState, positionState, tick } from './testing/samples.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
/** A tick as market-feed sends it: in its `send hoga.md.tick.*` span, sampled. */
const traceparent = (n: number) => `00-${TRACE}-00f067aa0ba902b${String(n)}-01`;

/**
 * ADR 0057: a loss-limit breach is traced — the tick that breaches (`process hoga.md.tick.*`),
 * the decision (`risk loss-limit breach`, always kept), the halt's publish (`send
 * hoga.risk.halt`), and the `RiskHalt` carries that trace to position-actor, whose exits (the
 * liquidation orders) continue it.
 */
describe('risk-guard: a breach, its halt and the liquidation share one trace', () => {
  let receiver: OtlpReceiver;
  let tracing: Tracing;
  let bus: Bus;
  let service: RiskGuardService;
  const halts: { headers: Readonly<Record<string, string>> }[] = [];
  const send = async (message: Tick, n: number) => {
    await bus.publish(subjects.mdTick(message.data.market), message, {
      headers: { traceparent: traceparent(n) },
    });
    await turns(10);
  };

  before(async () => {
    receiver = await new OtlpReceiver().start();
    tracing = startTracing({
      service: 'risk-guard',
      otlpUrl: receiver.tracesUrl,
      tickSampleRatio: 1,
    });
    bus = createInProcessBus({ logger: createLogger({ service: 'test', sinks: [] }) });
    service = await startService({
      bus,
      store: new InMemoryEventStore(),
      logger: createLogger({ service: 'risk-guard', sinks: [] }),
      lossLimitPct: dec(10),
      watchdogIntervalMs: 0,
    });
    await bus.subscribe(subjects.riskHalt(), (d) => void halts.push({ headers: d.headers }));
    await bus.publish(subjects.accountState(), accountState('1000000'));
    await eventually(() => equal(service.guard.state.lossLimit?.armed, true));
    const holding = positionState('pos-1', { volume: '0.01', unrealized: '0' });
    await bus.publish(subjects.positionState(holding.data.positionId), holding);
    await eventually(() => equal(service.guard.portfolio.holdingPositions, 1));
  });
  after(async () => {
    await service.stop();
    await bus.close();
    await tracing.shutdown();
    await receiver.stop();
  });

  it('process tick → risk loss-limit breach → send hoga.risk.halt, and the RiskHalt carries it', async () => {
    // a genuine crash: the third trade confirms the price and breaches (ADR 0024)
    await send(tick('80000000'), 1);
    await send(tick('79900000'), 2);
    await send(tick('79800000'), 3);
    await eventually(() => equal(halts.length, 1));
    await tracing.flush();
    const spans = await eventually(() => {
      const named = (name: string) => receiver.spans.find((s) => s.name === name);
      const chain = [named('risk loss-limit breach'), named(`send ${subjects.riskHalt().subject}`)];
      ok(
        chain.every((s) => s !== undefined),
        receiver.spans.map((s) => s.name).join(', '),
      );
      return chain;
    });
    const [breach, halt] = spans as [ReceivedSpan, ReceivedSpan];
    const processes = receiver.spans.filter(
      (s) => s.name === `process ${subjects.mdTick('KRW-BTC' as Market).subject}`,
    );
    equal(processes.length, 3, 'each traced tick is processed in a span of its trace');
    const breachingTick = processes.find((s) => s.spanId === breach.parentSpanId);
    ok(breachingTick, 'the breach is a child of the tick that breached');
    equal(breachingTick.parentSpanId, '00f067aa0ba902b3', 'the third trade');
    deepStrictEqual(
      [breach.traceId, halt.traceId, breachingTick.traceId],
      [TRACE, TRACE, TRACE],
      'one trace, from the market-feed tick',
    );
    equal(halt.parentSpanId, breach.spanId, 'the halt is published inside the decision');
    equal(halt.kind, 4, 'PRODUCER');
    const carried = halts[0]?.headers['traceparent'] ?? '';
    equal(carried.split('-')[1], TRACE, 'the RiskHalt carries the trace');
    equal(carried.split('-')[2], halt.spanId, 'as a child of its send span');
    deepStrictEqual(receiver.refused, []);
  });
});
