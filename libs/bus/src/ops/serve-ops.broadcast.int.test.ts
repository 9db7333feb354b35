import { testNamespace, testNatsUrl, eventually, turns } from '@hoga/testkit';
import { Svcm } from '@nats-io/services';
import { connect } from '@nats-io/transport-node';
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import type { Bus } from '../bus.port.js';
import { createInProcessBroker } from '../in-process/in-process-broker.js';
import { createInProcessBus } from '../in-process/in-process-bus.js';
import { connectNatsBus } from '../nats/nats-bus.js';
import { recordingLogger } from '../testing/recording-logger.js';
import type { OpsHandlers, OpsServer } from './ops-handlers.js';
import { opsRequest, requestOps } from './request-ops.js';
import { serveOps } from './serve-ops.js';

/** A market-feed instance that counts what it was asked. */
function feedInstance(name: string) {
  const calls = { history: 0, watch: 0 };
  const handlers: OpsHandlers<'market-feed'> = {
    history: async (request) => {
      calls.history++;
      return { ok: true, market: request.data.market, interval: '1m', candles: [] };
    },
    watch: async (request) => {
      calls.watch++;
      return { ok: true, markets: request.data.markets, expiresAt: null };
    },
    status: () => Promise.reject(new Error('not asked in this test')),
  };
  return { name, calls, handlers };
}

const request = <V extends 'history' | 'watch'>(verb: V, data: unknown) => {
  const r = opsRequest('market-feed', verb, data);
  if (E.isLeft(r)) throw r.left;
  return r.right;
};

function broadcastSuite(
  name: string,
  open: () => Promise<{ buses: [Bus, Bus, Bus]; close: () => Promise<void> }>,
) {
  describe(`serveOps broadcast verbs: ${name}`, () => {
    let buses: [Bus, Bus, Bus];
    let close: () => Promise<void>;
    let servers: OpsServer[];
    const a = feedInstance('a');
    const b = feedInstance('b');

    before(async () => {
      ({ buses, close } = await open());
      servers = [
        await serveOps(buses[0], 'market-feed', a.handlers, {
          broadcast: ['watch'],
          logger: recordingLogger(),
        }),
        await serveOps(buses[1], 'market-feed', b.handlers, {
          broadcast: ['watch'],
          logger: recordingLogger(),
        }),
      ];
    });
    after(async () => {
      for (const s of servers) await s.stop();
      await close();
    });

    it('has one instance of the queue group answer a queued verb', async () => {
      const reply = await requestOps(
        buses[2],
        'market-feed',
        'history',
        request('history', { market: 'KRW-BTC', interval: '1m', count: 10, to: null }),
      );
      strictEqual(reply.ok, true);
      await turns(20);
      strictEqual(a.calls.history + b.calls.history, 1);
    });

    it('has every instance hear a broadcast verb; the requester gets one reply', async () => {
      const reply = await requestOps(
        buses[2],
        'market-feed',
        'watch',
        request('watch', { holder: 'position-actor/t', markets: ['KRW-ETH'], ttlMs: 60000 }),
      );
      deepStrictEqual(reply, { ok: true, markets: ['KRW-ETH'], expiresAt: null });
      await eventually(() => deepStrictEqual([a.calls.watch, b.calls.watch], [1, 1]));
    });
  });
}

broadcastSuite('in-process', async () => {
  const broker = createInProcessBroker();
  const buses: [Bus, Bus, Bus] = [
    createInProcessBus({ broker }),
    createInProcessBus({ broker }),
    createInProcessBus({ broker }),
  ];
  return { buses, close: async () => void (await Promise.all(buses.map((x) => x.close()))) };
});

broadcastSuite('NATS', async () => {
  const servers = await testNatsUrl();
  const namespace = testNamespace('ops_broadcast');
  const buses: [Bus, Bus, Bus] = [
    await connectNatsBus({ servers, namespace, name: 'feed-a' }),
    await connectNatsBus({ servers, namespace, name: 'feed-b' }),
    await connectNatsBus({ servers, namespace, name: 'client' }),
  ];
  return { buses, close: async () => void (await Promise.all(buses.map((x) => x.close()))) };
});

describe('market-feed as a NATS micro service', () => {
  it('is listed as hoga-market-feed with its history, status and watch endpoints', async () => {
    const servers = await testNatsUrl();
    const namespace = testNamespace('ops_feed_info');
    const bus = await connectNatsBus({ servers, namespace, name: 'feed' });
    const nc = await connect({ servers });
    const server = await serveOps(bus, 'market-feed', feedInstance('x').handlers, {
      broadcast: ['watch'],
      logger: recordingLogger(),
    });
    try {
      const infos = [];
      for await (const info of await new Svcm(nc as never)
        .client()
        .info('hoga-market-feed', server.id))
        infos.push(info);
      deepStrictEqual(infos[0]?.endpoints.map((e) => [e.name, e.subject, e.queue_group]).sort(), [
        // served by serveOps itself for every service (ADR 0034)
        ['deadletters', `${namespace}.hoga.ops.market-feed.deadletters`, 'q'],
        ['history', `${namespace}.hoga.ops.market-feed.history`, 'q'],
        ['status', `${namespace}.hoga.ops.market-feed.status`, 'q'],
        // every instance in a queue group of its own: all of them hear `watch`
        ['watch', `${namespace}.hoga.ops.market-feed.watch`, `i-${server.id}`],
      ]);
    } finally {
      await server.stop();
      await bus.close();
      await nc.close();
    }
  });
});
