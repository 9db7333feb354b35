import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import type { Bus } from '@hoga/bus';
import { wrap, type PositionEvent } from '@hoga/contracts';
import { dec, DEFAULT_FEE_RATE, type Market, type PositionId } from '@hoga/model';
import { positionStateData, type StrategySpec } from '@hoga/position';
import { eventually } from '@hoga/testkit';
import type { PositionSummary } from '../history/position-fold.js';
import { GatewayHarness } from '../../testing/gateway-harness.js';
import { LiveTestClient } from '../../testing/live-test-client.js';
import { engineBus, publishState } from '../../testing/live-samples.js';
import { PositionScript } from '../../testing/position-script.js';

/** TP 3 %, SL 4.5 %, trailing 2 % armed at +1 %, 90 minutes at most. */
const EXIT: StrategySpec['exit'] = {
  takeProfitPct: dec(3),
  stopLossPct: dec('4.5'),
  trailingStopPct: dec(2),
  trailingActivationPct: dec(1),
  maxHoldMinutes: 90,
};
const T = Date.parse('2026-11-23T05:00:00.000Z');
/** Entered at 12,345 KRW (the 10 KRW tick band), then `ticks`. */
const entered = (id: string, ...ticks: string[]) => {
  const s = new PositionScript(id as PositionId, 'KRW-XRP' as Market, T)
    .open(200_000, 12_345, EXIT)
    .fill('entry', '16', '12345');
  for (const price of ticks) s.tick(price);
  return s;
};
/** The state position-actor publishes for the script's position (its watch's levels and peak). */
const published = (s: PositionScript) => {
  const w = s.live.watch;
  const data = positionStateData(
    s.live.snapshot,
    { lastPrice: w.last, peakPrice: w.peak, levels: w.levels },
    DEFAULT_FEE_RATE,
  );
  return wrap('PositionState', data, {
    id: `${s.positionId}:state:${String(data.version)}`,
    occurredAt: new Date(s.nowMs).toISOString(),
    causationId: null,
    correlationId: s.positionId,
  });
};
const exitOf = (events: readonly PositionEvent[]) =>
  events.find((e) => e.type === 'ExitTriggered')?.data.reason ?? null;
/** What the engine decides for one more tick at `price`. */
const onTick = (s: PositionScript, price: string) => {
  const before = s.events.length;
  s.tick(price);
  return exitOf(s.events.slice(before));
};

describe('dashboard-gateway: entry time, peak and exit levels of a position', function () {
  this.timeout(60_000);
  const harness = new GatewayHarness('gw_levels');
  let engine: Bus;
  let client: LiveTestClient;
  before(async () => {
    await harness.start();
    engine = await engineBus(harness);
    client = await LiveTestClient.connect(harness.gateway.url, {
      cookie: harness.client('viewer').cookie,
    });
    client.sub('positions');
  });
  after(async () => {
    await client?.close();
    await engine?.close();
    await harness.stop();
  });

  const onChannel = async (id: string) => {
    await client.until(
      () => client.channels.get('positions')?.values.get(id) !== undefined,
      20_000,
      `${id} on positions`,
    );
    return client.channels.get('positions')!.values.get(id) as Record<string, unknown>;
  };

  it('the live positions channel shows the stop-loss the engine fires at (a tick there fires, one tick above does not)', async () => {
    const s = entered('lv-stop');
    await publishState(engine, published(s));
    const shown = await onChannel('lv-stop');
    const activatedAt = s.live.snapshot.context.activation!.at;
    strictEqual(shown['enteredAt'], activatedAt);
    deepStrictEqual(shown['exitLevels'], {
      takeProfit: '12720', // 12,345 x 1.03 = 12,715.35, up to the grid
      stopLoss: '11780', // 12,345 x 0.955 = 11,789.475, down to the grid
      trailingStop: null, // not armed: the peak (12,345) is below +1 %
      trailingArmsAt: '12470', // 12,468.45 up
      timeLimitAt: new Date(Date.parse(activatedAt) + 90 * 60_000).toISOString(),
    });
    strictEqual(onTick(entered('lv-stop'), '11780'), 'stop-loss');
    strictEqual(onTick(entered('lv-stop'), '11790'), null);
    strictEqual(onTick(entered('lv-stop'), '12720'), 'take-profit');
    strictEqual(onTick(entered('lv-stop'), '12710'), null);
  });

  it('the trailing stop moves with the peak, on the channel and in the position detail (history)', async () => {
    const s = entered('lv-trail', '12500');
    await publishState(engine, published(s));
    await client.until(
      () =>
        (client.channels.get('positions')?.values.get('lv-trail') as Record<string, never>)?.[
          'peakPrice'
        ] === '12500',
      20_000,
      'peak 12,500',
    );
    s.tick('12650');
    await publishState(engine, published(s));
    await client.until(
      () =>
        (client.channels.get('positions')?.values.get('lv-trail') as Record<string, never>)?.[
          'peakPrice'
        ] === '12650',
      20_000,
      'peak 12,650',
    );
    const shown = await onChannel('lv-trail');
    const levels = shown['exitLevels'] as Record<string, unknown>;
    // 12,650 x 0.98 = 12,397 → 12,390 on the 10 KRW grid
    strictEqual(levels['trailingStop'], '12390');
    strictEqual(onTick(entered('lv-trail', '12500', '12650'), '12390'), 'trailing-stop');
    strictEqual(onTick(entered('lv-trail', '12500', '12650'), '12400'), null);

    // the detail folds the stored events: the same entry time and levels (the peak was persisted)
    await s.appendTo(harness.store);
    const viewer = harness.client('viewer');
    const summary = await eventually(async () => {
      const reply = await viewer.get('/api/positions/lv-trail');
      strictEqual(reply.status, 200, reply.text);
      return reply.json as PositionSummary;
    });
    deepStrictEqual(
      [summary.state.enteredAt, summary.state.peakPrice, summary.state.exitLevels],
      [shown['enteredAt'], '12650', levels],
    );
  });
});
