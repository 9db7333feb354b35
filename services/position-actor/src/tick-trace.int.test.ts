import { equal, ok } from 'node:assert/strict';
import { subjects } from '@hoga/contracts';
import { dec, type Market, type Price } from '@hoga/model';
import { eventually } from '@hoga/testkit';
import { ENTRY_PRICE, fillEntry, runImmediate } from './testing/happy-path.js';
import { startTracedHarness, type TracedHarness } from './testing/traced-harness.js';

const QUIET_TRACE = '6af7651916cd43dd8448eb211c80319e';
const DECIDING_TRACE = '7af7651916cd43dd8448eb211c80319f';
const SEND_SPAN = 'd7ad6b7169203332';
const MARKET = 'KRW-BTC' as Market;

/**
 * ADR 0057 addendum 2: a tick opens its `process` span only in an actor that decides something;
 * a tick that changes nothing leaves no span, a deciding one stores its events under it, in the
 * tick's trace.
 */
describe('position-actor: a tick’s span only where an actor decides', () => {
  let t: TracedHarness;
  let seq = 0;
  before(async () => {
    t = await startTracedHarness();
  });
  after(() => t.dispose());

  /** A tick published as market-feed does it: inside a sampled `send` span of `trace`. */
  const tick = (price: string, trace: string) => {
    seq += 1;
    return t.bus.publish(
      subjects.mdTick(MARKET),
      {
        id: `tick-trace-${String(seq)}`,
        occurredAt: '2026-11-23T00:00:00.000Z',
        causationId: null,
        correlationId: `tick-trace-${String(seq)}`,
        type: 'Tick',
        data: {
          market: MARKET,
          price: dec(price) as Price,
          volume: dec('0.01') as never,
          side: 'bid',
          tradeTimestamp: Date.parse('2026-11-23T00:05:00.000Z') + seq,
          sequentialId: 1000 + seq,
          bestBid: null,
          bestAsk: null,
        },
      },
      { headers: { traceparent: `00-${trace}-${SEND_SPAN}-01` } },
    );
  };

  it('a quiet tick opens no span; the take-profit tick stores its exit under its process span', async () => {
    const { receiver, tracing, h } = t;
    const id = await runImmediate(h, 'cmd-tick-trace');
    await fillEntry(h, id);
    const stored = (await h.events(id)).length;
    await tick(ENTRY_PRICE, QUIET_TRACE);
    await h.service.idle();
    equal((await h.events(id)).length, stored, 'the quiet tick decided nothing');
    await tick('103500000', DECIDING_TRACE);
    await h.until(id, 'ExitOrderRequested');
    await h.service.idle();
    await tracing.flush();
    const name = `process ${subjects.mdTick(MARKET).subject}`;
    const process = await eventually(() => {
      const p = receiver.spans.find((s) => s.name === name && s.traceId === DECIDING_TRACE);
      ok(p, receiver.spans.map((s) => `${s.name} ${s.traceId}`).join(', '));
      return p;
    });
    equal(process.parentSpanId, SEND_SPAN, 'a child of the tick’s send');
    const insert = receiver.spans.find(
      (s) => s.name === 'INSERT events' && s.parentSpanId === process.spanId,
    );
    ok(insert, 'the exit is stored in a span under the tick’s processing');
    equal(
      receiver.spans.filter((s) => s.traceId === QUIET_TRACE).length,
      0,
      'nothing of the quiet tick’s trace',
    );
  });
});
