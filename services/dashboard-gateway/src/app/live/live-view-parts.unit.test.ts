import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { positionStateSample, positionWire } from '../../testing/live-samples.js';
import { LiveHub } from './live-hub.js';
import { PositionsView } from './positions-view.js';
import { RiskView } from './risk-view.js';
import { TickSampler } from './tick-sampler.js';

const data = (id: string, version: number, status?: 'closed') =>
  positionStateSample(id, version, status === undefined ? {} : { status }).data;

describe('the live view parts', () => {
  it('positions: a listed state never undoes a newer published one', () => {
    const hub = new LiveHub(100);
    const view = new PositionsView(hub, 10);
    view.published(data('a', 5));
    view.listed([data('a', 4), data('a', 5), data('b', 1)]);
    deepStrictEqual(hub.valueOf('positions', 'a'), positionWire(positionStateSample('a', 5)));
    strictEqual(hub.sequence, 2, 'only b was new');
    view.listed([data('a', 6)]);
    deepStrictEqual(hub.valueOf('positions', 'a'), positionWire(positionStateSample('a', 6)));
  });

  it('positions: keeps the newest closed positions and removes the older ones', () => {
    const hub = new LiveHub(100);
    const view = new PositionsView(hub, 2);
    for (const id of ['c1', 'c2', 'c3']) view.published(data(id, 1, 'closed'));
    view.published(data('open', 1));
    deepStrictEqual(
      hub
        .snapshot('positions')
        .entries.map((d) => d.key)
        .sort(),
      ['c2', 'c3', 'open'],
    );
    strictEqual(view.size, 3);
  });

  it('ticks: the first goes out at once, then the latest of each window', async () => {
    const out: unknown[] = [];
    const sampler = new TickSampler(20, (_m, d) => out.push(d)); // 50 ms windows
    for (let i = 1; i <= 5; i += 1) sampler.offer('KRW-BTC', i);
    sampler.offer('KRW-ETH', 'e');
    deepStrictEqual(out, [1, 'e']);
    await new Promise((resolve) => setTimeout(resolve, 80));
    deepStrictEqual(out, [1, 'e', 5]);
    sampler.offer('KRW-BTC', 6);
    sampler.stop();
    await new Promise((resolve) => setTimeout(resolve, 80));
    deepStrictEqual(out, [1, 'e', 5], 'nothing after stop');
  });

  it('health: up, down with the reason, unknown before a probe; last seen from the bus', () => {
    const hub = new LiveHub(100);
    let now = Date.parse('2026-12-06T10:00:00.000Z');
    const view = new RiskView(hub, () => now);
    view.seen('market-feed');
    now += 1000;
    view.probed('market-feed', 3, null);
    view.probed('risk-guard', 0, 'no responders');
    view.publishHealth();
    const services = (hub.valueOf('risk', 'health') as { services: Record<string, unknown>[] })
      .services;
    deepStrictEqual(
      services.map((s) => [s['service'], s['status'], s['error'], s['lastSeenAt']]),
      [
        ['market-feed', 'up', null, '2026-12-06T10:00:00.000Z'],
        ['position-actor', 'unknown', null, null],
        ['risk-guard', 'down', 'no responders', null],
        ['order-executor', 'unknown', null, null],
      ],
    );
  });
});
