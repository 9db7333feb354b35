import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import type { Bus } from '@hoga/bus';
import { AccountState, ExchangeAccessState, RiskState, subjects } from '@hoga/contracts';
import { decodeWith } from '@hoga/model';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { HEALTHY_REPLIES, serveFakeOps } from '../../testing/fake-engine-ops.js';
import { GatewayHarness } from '../../testing/gateway-harness.js';
import { LiveTestClient } from '../../testing/live-test-client.js';
import {
  engineBus,
  positionStateSample,
  positionWire,
  publishState,
  tickSample,
} from '../../testing/live-samples.js';

const decode = <A>(codec: t.Type<A, unknown, unknown>, wire: unknown): A => {
  const r = decodeWith(codec, wire);
  if (E.isLeft(r)) throw new Error(r.left.message);
  return r.right;
};
const envelope = (type: string, data: unknown) => ({
  id: `${type}-1`,
  type,
  occurredAt: new Date().toISOString(),
  causationId: null,
  correlationId: `${type}-1`,
  data,
});

describe('the live view: positions and risk from the services', function () {
  this.timeout(60_000);
  const harness = new GatewayHarness('gw_live_view', {
    live: {
      ticksPerSecond: 4,
      maxQueuedBytes: 4 * 1024 * 1024,
      slowClientMs: 10_000,
      resumeBacklog: 10_000,
    },
  });
  const listed = [
    positionStateSample('listed-a', 3),
    positionStateSample('listed-b', 7, { status: 'pending' }),
    positionStateSample('listed-c', 2, { status: 'error', market: 'KRW-ETH' }),
  ];
  const asked: unknown[] = [];
  let engine: Bus;
  let fakes: Awaited<ReturnType<typeof serveFakeOps>>;
  harness.beforeGateway = async (h) => {
    engine = await engineBus(h);
    fakes = await serveFakeOps(engine, {
      ...HEALTHY_REPLIES,
      'position-actor.list': (data: unknown) => {
        asked.push(data);
        return { ok: true, positions: listed.map(positionWire) };
      },
    });
  };
  before(() => harness.start());
  after(async () => {
    await fakes?.stop();
    await engine?.close();
    await harness.stop();
  });
  const connect = () =>
    LiveTestClient.connect(harness.gateway.url, { cookie: harness.client('viewer').cookie });
  const risk = (c: LiveTestClient, key: string) =>
    c.channels.get('risk')?.values.get(key) as Record<string, unknown> | undefined;

  it('starts from position-actor list (open positions only) and the services status replies', async () => {
    const hub = harness.gateway.hub;
    await harness.waitForLive(() => hub.valueOf('risk', 'health') !== undefined);
    const client = await connect();
    client.sub('positions');
    client.sub('risk');
    await client.until(() => client.channels.has('positions') && client.channels.has('risk'));
    deepStrictEqual(asked[0], {
      statuses: ['pending', 'active', 'closing', 'error'],
      market: null,
    });
    const positions = client.channels.get('positions')!.values;
    for (const state of listed)
      deepStrictEqual(positions.get(state.data.positionId), positionWire(state));

    const trading = risk(client, 'trading')!;
    deepStrictEqual(trading['risk'], HEALTHY_REPLIES['risk-guard.status'].risk);
    strictEqual(trading['equityKrw'], '1000000.25');
    deepStrictEqual(trading['leader'], HEALTHY_REPLIES['risk-guard.status'].leader);
    strictEqual(risk(client, 'account')!['openFindings'], 2);
    const health = risk(client, 'health')!['services'] as Record<string, unknown>[];
    deepStrictEqual(
      health.map((s) => [s['service'], s['status']]),
      [
        ['market-feed', 'up'],
        ['position-actor', 'up'],
        ['risk-guard', 'up'],
        ['order-executor', 'up'],
      ],
    );
    await client.until(() => risk(client, 'feeds') !== undefined);
    const feeds = risk(client, 'feeds')!['markets'] as Record<string, unknown>[];
    deepStrictEqual(
      feeds.map((m) => [m['market'], m['from'], m['lastTickAt']]),
      [
        ['KRW-BTC', 'feed-status', '2026-12-06T10:00:00.000Z'],
        ['KRW-ETH', 'feed-status', null],
      ],
    );
    ok((feeds[0]!['ageMs'] as number) >= 1_500);
    strictEqual(feeds[1]!['ageMs'], null);
    await client.close();
  });

  it('puts every published state, risk state, balance and access change on its channel', async () => {
    const client = await connect();
    client.sub('positions');
    client.sub('risk');
    await client.until(() => client.channels.has('positions') && client.channels.has('risk'));
    const newer = positionStateSample('listed-a', 4);
    await publishState(engine, newer);
    const riskWire = {
      ...HEALTHY_REPLIES['risk-guard.status'].risk,
      state: 'HALTED',
      reason: 'operator halt',
    };
    await engine.publish(subjects.riskState(), decode(RiskState, envelope('RiskState', riskWire)));
    const balances = {
      balances: [{ currency: 'KRW', balance: '500000', locked: '0', avgBuyPrice: '0' }],
      totals: { availableKrw: '500000', lockedKrw: '0', costBasisKrw: '0' },
    };
    await engine.publish(
      subjects.accountState(),
      decode(AccountState, envelope('AccountState', balances)),
    );
    const access = {
      status: 'ok',
      problem: null,
      errorName: null,
      where: null,
      reason: 'Upbit answers',
      since: null,
      nextCheckAt: null,
      checks: 0,
      heldExits: [],
    };
    await engine.publish(
      subjects.accountAccess(),
      decode(ExchangeAccessState, envelope('ExchangeAccessState', access)),
    );
    await client.until(
      () =>
        JSON.stringify(client.channels.get('positions')?.values.get('listed-a')) ===
          JSON.stringify(positionWire(newer)) &&
        (risk(client, 'trading')?.['risk'] as { state?: string } | undefined)?.state === 'HALTED' &&
        risk(client, 'account')?.['balances'] !== null &&
        risk(client, 'account')?.['access'] !== null,
    );
    deepStrictEqual(risk(client, 'trading')!['risk'], riskWire);
    deepStrictEqual(risk(client, 'account')!['balances'], balances);
    deepStrictEqual(risk(client, 'account')!['access'], access);
    strictEqual(risk(client, 'account')!['openFindings'], 2, 'the status figures are kept');
    deepStrictEqual(client.breaches, []);
    await client.close();
  });

  it('downsamples ticks per market (the latest wins) and ages the feed from the ticks it saw', async () => {
    const client = await connect();
    client.sub('ticks/KRW-BTC');
    client.sub('risk');
    await client.until(() => client.channels.has('ticks/KRW-BTC'));
    const started = Date.now();
    let last = 0;
    for (let i = 1; i <= 40; i += 1) {
      last = 100_000_000 + i * 1000;
      await engine.publish(subjects.mdTick('KRW-BTC' as never), tickSample('KRW-BTC', last));
      await new Promise((resolve) => setTimeout(resolve, 25)); // 40/s for one second
    }
    await client.until(
      () =>
        (client.channels.get('ticks/KRW-BTC')?.values.get('last') as { price?: string } | undefined)
          ?.price === String(last),
      5_000,
      'the last tick',
    );
    const elapsed = (Date.now() - started) / 1000;
    const sent = client.ofType('delta').filter((f) => f['ch'] === 'ticks/KRW-BTC').length;
    ok(sent <= Math.ceil(elapsed * 4) + 1, `${String(sent)} ticks in ${String(elapsed)} s`);
    ok(sent >= 2, `${String(sent)} ticks`);
    await client.until(() => {
      const markets = risk(client, 'feeds')?.['markets'] as Record<string, unknown>[] | undefined;
      return markets?.some((m) => m['market'] === 'KRW-BTC' && m['from'] === 'ticks') === true;
    });
    await client.close();
  });
});
