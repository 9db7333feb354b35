import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import type { Bus } from '@hoga/bus';
import type { PositionState } from '@hoga/contracts';
import { GatewayHarness } from '../../testing/gateway-harness.js';
import { SESSION_ENDED } from './live-protocol.js';
import { LiveRefusedError, LiveTestClient } from '../../testing/live-test-client.js';
import {
  engineBus,
  positionStateSample,
  positionWire,
  publishState,
} from '../../testing/live-samples.js';

const connect = (harness: GatewayHarness, role: 'viewer' | 'operator' = 'viewer') =>
  LiveTestClient.connect(harness.gateway.url, { cookie: harness.client(role).cookie });

describe('live channels over the WebSocket', function () {
  this.timeout(60_000);
  const harness = new GatewayHarness('gw_live');
  let engine: Bus;
  before(async () => {
    await harness.start();
    engine = await engineBus(harness);
  });
  after(async () => {
    await engine?.close();
    await harness.stop();
  });

  it('a client connecting during a burst of 10,000 position updates reconstructs the final state', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `burst-${String(i)}`);
    const final = new Map<string, unknown>();
    let early: LiveTestClient | undefined;
    let connecting: Promise<void> | undefined;
    for (let n = 1; n <= 10_000; n += 1) {
      const id = ids[n % ids.length]!;
      const state: PositionState = positionStateSample(id, n);
      final.set(id, positionWire(state));
      await publishState(engine, state);
      if (n === 3_000)
        connecting = connect(harness).then((c) => {
          early = c;
          c.sub('positions');
        });
    }
    await connecting;
    const late = await connect(harness);
    late.sub('positions');
    const reconstructed = (c: LiveTestClient) => () => {
      const values = c.channels.get('positions')?.values;
      return ids.every((id) => JSON.stringify(values?.get(id)) === JSON.stringify(final.get(id)));
    };
    for (const c of [early!, late]) {
      await c.until(reconstructed(c), 20_000, 'the final state');
      deepStrictEqual(c.breaches, []);
      for (const id of ids)
        deepStrictEqual(c.channels.get('positions')?.values.get(id), final.get(id));
      await c.close();
    }
  });

  it('a reconnecting client resumes after its last sequence: no gap, no duplicate', async () => {
    const first = await connect(harness);
    first.sub('positions');
    await publishState(engine, positionStateSample('resume-a', 1));
    await first.until(() => first.channels.get('positions')?.values.has('resume-a') === true);
    const view = first.channels.get('positions')!;
    const lastSeq = view.lastSeq;
    await first.close();
    for (let v = 2; v <= 50; v += 1)
      await publishState(engine, positionStateSample(`resume-${v % 2 ? 'a' : 'b'}`, v));
    const wanted = positionWire(positionStateSample('resume-b', 50));
    await harness.waitForLive(
      () =>
        JSON.stringify(harness.gateway.hub.valueOf('positions', 'resume-b')) ===
        JSON.stringify(wanted),
    );
    const again = await connect(harness);
    // carries its channel view over, as a page would
    again.channels.set('positions', view);
    again.sub('positions', lastSeq, first.epoch);
    await again.until(() => again.ofType('resumed').length === 1);
    await again.until(
      () =>
        JSON.stringify(again.channels.get('positions')?.values.get('resume-b')) ===
        JSON.stringify(wanted),
    );
    strictEqual(again.ofType('snapshot').length, 0);
    deepStrictEqual(again.breaches, []);
    const deltas = again.ofType('delta').map((f) => f['seq'] as number);
    ok(deltas.every((s, i) => s > lastSeq && (i === 0 || s > deltas[i - 1]!)));
    deepStrictEqual(
      again.channels.get('positions')?.values.get('resume-a'),
      positionWire(positionStateSample('resume-a', 49)),
    );
    await again.close();
  });

  it('a resume from another gateway run or from a sequence no longer kept gets a fresh snapshot', async () => {
    const client = await connect(harness);
    client.sub('positions', 1, 'another-run');
    await client.until(() => client.ofType('snapshot').length === 1);
    deepStrictEqual(
      client.ofType('resync').map((f) => f['reason']),
      ['epoch'],
    );
    // the burst above published more deltas than the backlog keeps
    strictEqual(harness.gateway.hub.since(0), undefined);
    client.sub('positions', 0, client.epoch);
    await client.until(() => client.ofType('snapshot').length === 2);
    deepStrictEqual(
      client.ofType('resync').map((f) => f['reason']),
      ['epoch', 'too-old'],
    );
    await client.close();
  });

  it('refuses the upgrade without a session (401) and from a foreign or missing Origin (403)', async () => {
    const url = harness.gateway.url;
    const status = (p: Promise<unknown>) =>
      rejects(p, (e: unknown) => e instanceof LiveRefusedError).then(() =>
        p.catch((e: LiveRefusedError) => e.status),
      );
    strictEqual(await status(LiveTestClient.connect(url, {})), 401);
    strictEqual(await status(LiveTestClient.connect(url, { cookie: 'not-a-session' })), 401);
    const cookie = harness.client('viewer').cookie;
    strictEqual(
      await status(LiveTestClient.connect(url, { cookie, origin: 'http://evil.example' })),
      403,
    );
    strictEqual(await status(LiveTestClient.connect(url, { cookie, origin: null })), 403);
  });

  it('closes the socket once its session ends (logout)', async () => {
    const viewer = harness.client('viewer');
    const client = await LiveTestClient.connect(harness.gateway.url, { cookie: viewer.cookie });
    client.sub('risk');
    await client.until(() => client.channels.has('risk'));
    harness.gateway.context.sessions.close(viewer.cookie!);
    await client.until(() => client.closeCode !== undefined, 5_000, 'the close');
    strictEqual(client.closeCode, SESSION_ENDED.code);
    strictEqual(client.closeReason, SESSION_ENDED.reason);
  });

  it('answers a bad client frame with a typed error and changes nothing', async () => {
    const client = await connect(harness);
    const bad: unknown[] = [
      'not json',
      '[]',
      '42',
      { op: 'sub' },
      { op: 'sub', ch: 'positions', extra: true },
      { op: 'sub', ch: 'positions', fromSeq: -1 },
      { op: 'sub', ch: 'positions', fromSeq: 1.5 },
      { op: 'dance' },
    ];
    for (const b of bad) client.send(typeof b === 'string' ? b : JSON.stringify(b));
    client.sub('nope');
    client.sub('ticks/not-a-market');
    client.send({ op: 'unsub', ch: 'risk' });
    client.send({ op: 'ping' });
    await client.until(() => client.ofType('pong').length === 1);
    deepStrictEqual(
      client.ofType('error').map((f) => f['code']),
      [...bad.map(() => 'bad-frame'), 'unknown-channel', 'unknown-channel', 'not-subscribed'],
    );
    strictEqual(client.ofType('snapshot').length, 0);
    client.sub('risk');
    await client.until(() => client.ofType('snapshot').length === 1);
    await client.close();
  });
});
