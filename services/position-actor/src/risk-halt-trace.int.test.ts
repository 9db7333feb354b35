import { equal, ok } from 'node:assert/strict';
import { subjects, type OrderCommand } from '@hoga/contracts';
import { type PositionId } from '@hoga/model';
import { eventually } from '@hoga/testkit';
import { executorEvents } from './testing/executor-events.js';
import { ENTRY_PRICE, ENTRY_VOLUME, runImmediate } from './testing/happy-path.js';
import { startTracedHarness, type TracedHarness } from './testing/traced-harness.js';

const TRACE = '5af7651916cd43dd8448eb211c80319d';
/** The halt as risk-guard publishes it: inside its `send hoga.risk.halt` span. */
const HALT_SPAN = 'c7ad6b7169203331';

/**
 * ADR 0057: a risk halt's liquidation continues the breach's trace — the exit decided for the
 * halt is stored in a span of the halt's trace, and its sell command carries that trace to
 * order-executor.
 */
describe('position-actor: a risk halt’s exits continue the halt’s trace', () => {
  let t: TracedHarness;
  const sent: { command: OrderCommand; traceparent: string | undefined }[] = [];
  before(async () => {
    t = await startTracedHarness();
    await t.bus.subscribe(subjects.orderCmd(), (d) => {
      sent.push({ command: d.data, traceparent: d.headers['traceparent'] });
      return Promise.resolve();
    });
  });
  after(() => t.dispose());

  it('the sell for the halt is in the halt’s trace, stored under its process span', async () => {
    const { receiver, tracing, bus, h } = t;
    const id: PositionId = await runImmediate(h, 'cmd-trace');
    const ex = executorEvents(id);
    await h.orderEvent(ex.accepted(`${id}-e1`));
    await h.orderEvent(ex.filled(`${id}-e1`, `t-${id}`, ENTRY_VOLUME, ENTRY_PRICE));
    await h.orderEvent(ex.completed(`${id}-e1`, 'done', ENTRY_VOLUME, ENTRY_PRICE));
    await h.until(id, 'PositionActivated');
    await bus.publish(
      subjects.riskHalt(),
      {
        id: 'halt-trace',
        occurredAt: '2026-11-23T00:00:00.000Z',
        causationId: null,
        correlationId: 'halt-trace',
        type: 'RiskHalt',
        data: {
          cause: 'loss-limit-breached',
          by: 'loss-limit',
          reason: 'loss limit breached',
          commandId: null,
          liquidation: [{ positionId: id, notBeforeMs: 0 }],
        },
      },
      { headers: { traceparent: `00-${TRACE}-${HALT_SPAN}-01` } },
    );
    await h.until(id, 'ExitOrderRequested');
    const sell = await eventually(() => {
      const s = sent.find((x) => x.command.type === 'PlaceOrder' && x.command.data.side === 'ask');
      ok(s, 'the sell command was sent');
      return s;
    });
    equal(sell.traceparent?.split('-')[1], TRACE, 'the sell command carries the halt’s trace');
    await tracing.flush();
    const process = await eventually(() => {
      const p = receiver.spans.find((s) => s.name === `process ${subjects.riskHalt().subject}`);
      ok(p, receiver.spans.map((s) => `${s.name} ${s.traceId}`).join(', '));
      return p;
    });
    equal(process.traceId, TRACE);
    equal(process.parentSpanId, HALT_SPAN, 'the halt is processed as a child of its send');
    const insert = receiver.spans.find(
      (s) => s.name === 'INSERT events' && s.parentSpanId === process.spanId,
    );
    ok(insert, 'the exit is stored in a span under the halt’s processing');
    equal(insert.traceId, TRACE);
  });
});
