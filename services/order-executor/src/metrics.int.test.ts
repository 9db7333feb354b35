import { deepEqual, equal, ok } from 'node:assert/strict';
import { Label, Metrics, prometheusLabel, prometheusName } from '@hoga/telemetry';
import { eventually, sampleValue, samplesOf, scrapePrometheus } from '@hoga/testkit';
import { limitBuy, orderIdOf } from './testing/commands.js';
import { Harness } from './testing/harness.js';

const SMALL_LEVELS = {
  markets: [{ market: 'KRW-BTC', startPrice: '100000000', book: { levelKrw: '500000' } }],
};
const L = (label: string) => prometheusLabel(label);

describe('order-executor metrics (in-process bus, emulator)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await Harness.open('in-process', SMALL_LEVELS);
    await h.setTradingState('ACTIVE');
  });
  afterEach(() => h.dispose());

  it('counts fills, 429s, Upbit round trips and Remaining-Req on its own /metrics', async () => {
    const running = await h.startExecutor({ executor: { pollIntervalMs: 60_000 } });
    const url = running.metricsUrl;
    if (url === undefined) throw new Error('an executor run alone serves its own /metrics');
    equal((await fetch(url.replace('/metrics', '/health/ready'))).status, 200);
    h.em.admin.setFaults({ burst429: 2 });
    await h.send(limitBuy('p-metrics', '99000000', '0.012'));
    const orderId = orderIdOf('p-metrics');
    await eventually(() => deepEqual(h.events.typesOf(orderId), ['OrderAccepted']));
    for (const price of ['98900000', '98800000', '98700000']) h.em.admin.setPrice('KRW-BTC', price);
    await eventually(() => equal(h.events.typesOf(orderId).at(-1), 'OrderCompleted'));
    const fills = h.events.typesOf(orderId).filter((t) => t === 'OrderFilled').length;
    equal(fills, 3);
    const scraped = await eventually(async () => {
      const s = await scrapePrometheus(url);
      const counted = sampleValue(s, prometheusName(Metrics.fills), {
        [L(Label.market)]: 'KRW-BTC',
        [L(Label.side)]: 'bid',
      });
      equal(counted, fills, 'each fill counts once');
      return s;
    });
    const throttled = samplesOf(scraped, prometheusName(Metrics.upbitThrottled), {
      [L(Label.statusCode)]: '429',
    }).reduce((sum, s) => sum + s.value, 0);
    equal(throttled, 2, 'the two 429s of the burst');
    const posts = samplesOf(scraped, `${prometheusName(Metrics.upbitRequestDuration)}_count`, {
      [L(Label.method)]: 'POST',
      [L(Label.urlTemplate)]: '/v1/orders',
    });
    ok(posts.reduce((sum, s) => sum + s.value, 0) >= 1, 'the order placement is timed');
    const refused = samplesOf(scraped, `${prometheusName(Metrics.upbitRequestDuration)}_count`, {
      [L(Label.statusCode)]: '429',
    });
    equal(
      refused.reduce((sum, s) => sum + s.value, 0),
      2,
      'the refused calls are timed with their status',
    );
    ok(
      samplesOf(scraped, prometheusName(Metrics.upbitRemainingRequests)).length > 0,
      'Remaining-Req by group',
    );
  });

  it('counts a 418 block like a 429: by status code, and the refused call timed with it', async () => {
    const running = await h.startExecutor({ executor: { pollIntervalMs: 60_000 } });
    const url = running.metricsUrl;
    if (url === undefined) throw new Error('an executor run alone serves its own /metrics');
    // the emulator's 418 knob: the first order over the limit blocks the key (no 429 first)
    h.em.admin.setRateLimits({
      groups: { ...h.em.admin.rateLimits().groups, order: { limit: 0, windowMs: 60_000 } },
      enabled: true,
      blockAfterViolations: 1,
      blockBaseMs: 1000,
      blockMaxMs: 1000,
    });
    await h.send(limitBuy('p-blocked', '99000000', '0.012'));
    const scraped = await eventually(async () => {
      const s = await scrapePrometheus(url);
      const blocked = samplesOf(s, prometheusName(Metrics.upbitThrottled), {
        [L(Label.statusCode)]: '418',
      }).reduce((sum, x) => sum + x.value, 0);
      ok(blocked >= 1, 'the 418 block is counted');
      return s;
    });
    const count = (name: string, code: string) =>
      samplesOf(scraped, name, { [L(Label.statusCode)]: code }).reduce((n, x) => n + x.value, 0);
    const blocked = count(prometheusName(Metrics.upbitThrottled), '418');
    equal(count(prometheusName(Metrics.upbitThrottled), '429'), 0, 'no 429 came first');
    equal(
      count(`${prometheusName(Metrics.upbitRequestDuration)}_count`, '418'),
      blocked,
      'each blocked call is timed with its status',
    );
    deepEqual(h.events.typesOf(orderIdOf('p-blocked')), [], 'nothing was placed');
    h.em.admin.setRateLimits({ enabled: false }); // the block ends: the executor stops cleanly
  });
});
