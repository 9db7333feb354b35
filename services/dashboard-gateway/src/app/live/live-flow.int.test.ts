import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import type { Bus } from '@hoga/bus';
import { GatewayHarness } from '../../testing/gateway-harness.js';
import { LiveTestClient } from '../../testing/live-test-client.js';
import {
  engineBus,
  positionStateSample,
  positionWire,
  publishState,
} from '../../testing/live-samples.js';
import { TOO_SLOW } from './live-protocol.js';

describe('live flow control', function () {
  this.timeout(120_000);
  const live = {
    ticksPerSecond: 4,
    maxQueuedBytes: 64 * 1024,
    slowClientMs: 500,
    resumeBacklog: 1_000,
  };
  const harness = new GatewayHarness('gw_live_flow', { live });
  let engine: Bus;
  before(async () => {
    await harness.start();
    engine = await engineBus(harness);
  });
  after(async () => {
    await engine?.close();
    await harness.stop();
  });
  const connect = () =>
    LiveTestClient.connect(harness.gateway.url, { cookie: harness.client('viewer').cookie });

  it('a stalled client (never reads) keeps the gateway memory bounded and is dropped with a reason', async () => {
    const hub = harness.gateway.hub;
    const healthy = await connect();
    healthy.sub('risk');
    const stalled = await connect();
    stalled.keepFrames = false;
    stalled.sub('positions');
    await stalled.until(() => stalled.channels.has('positions'));
    stalled.socket.pause();

    // Big values straight into the hub: the loopback socket buffers (up to ~36 MB here) fill fast.
    const ids = Array.from({ length: 100 }, (_, i) => `stall-${String(i)}`);
    let publishedBytes = 0;
    let maxQueued = 0;
    let largestFrame = 0;
    const sampler = setInterval(
      () => (maxQueued = Math.max(maxQueued, hub.stats().queuedBytes)),
      5,
    );
    for (let n = 1; n <= 20_000 && hub.stats().droppedClients === 0; n += 1) {
      const id = ids[n % ids.length]!;
      const data = { n, pad: 'x'.repeat(16 * 1024) };
      hub.publish('positions', id, data);
      const frame = hub.since(hub.sequence - 1)![0]!.json.length;
      largestFrame = Math.max(largestFrame, frame);
      publishedBytes += frame;
      if (n % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await harness.waitForLive(() => hub.stats().droppedClients === 1, 10_000);
    clearInterval(sampler);
    strictEqual(hub.stats().clients, 1, 'the healthy client stays');
    // the stalled client's share: one coalesced frame per position, the socket's high water mark
    // and one frame over it, whatever was published (plus the healthy client's few bytes)
    const bound = ids.length * largestFrame + 64 * 1024 + largestFrame + 16 * 1024;
    ok(maxQueued <= bound, `queued ${String(maxQueued)} bytes, bound ${String(bound)}`);
    ok(publishedBytes > 2 * bound, `published only ${String(publishedBytes)} bytes`);
    ok(harness.logs.some((r) => r.msg === 'live client dropped: too slow'));

    stalled.socket.resume();
    await stalled.until(() => stalled.closeCode !== undefined, 20_000, 'the close');
    strictEqual(stalled.closeCode, TOO_SLOW.code);
    strictEqual(stalled.closeReason, TOO_SLOW.reason);

    hub.publish('risk', 'after-the-drop', { n: 1 });
    await healthy.until(() => healthy.channels.get('risk')?.values.has('after-the-drop') === true);
    deepStrictEqual(healthy.breaches, []);
    await healthy.close();
    strictEqual(hub.stats().clients, 0);
  });

  it('a client that reads slowly gets coalesced positions: every delta in seq order, the last values exact', async () => {
    const client = await connect();
    client.keepFrames = false;
    client.sub('positions');
    await client.until(() => client.channels.has('positions'));
    const ids = Array.from({ length: 50 }, (_, i) => `coalesce-${String(i)}`);
    const final = new Map<string, unknown>();
    client.socket.pause();
    for (let n = 1; n <= 5_000; n += 1) {
      const state = positionStateSample(ids[n % ids.length]!, n);
      final.set(state.data.positionId, positionWire(state));
      await publishState(engine, state);
    }
    client.socket.resume();
    await client.until(
      () =>
        ids.every(
          (id) =>
            JSON.stringify(client.channels.get('positions')?.values.get(id)) ===
            JSON.stringify(final.get(id)),
        ),
      20_000,
      'the final state',
    );
    deepStrictEqual(client.breaches, []);
    strictEqual(client.closeCode, undefined);
    await client.close();
  });
});
