import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { testNamespace, testNatsUrl } from '@hoga/testkit';
import type { BusLogger } from '../bus-logger.js';
import type { Headers } from '../bus.port.js';
import { Namespace } from '../namespace.js';
import { busContract } from '../testing/bus.contract.js';
import type { OpenOptions } from '../testing/contract/fixtures.js';
import { toNatsHeaders } from './nats-headers.js';
import { connectNatsBus } from './nats-bus.js';
import { removeNatsNamespace } from './nats-namespace-cleanup.js';

busContract('NATS', async () => {
  const servers = await testNatsUrl();
  const namespace = testNamespace('bus_contract');
  const ns = new Namespace(namespace);
  const nc = await connect({ servers });
  const jsm = await jetstreamManager(nc);
  return {
    open: (logger: BusLogger, options: OpenOptions = {}) =>
      connectNatsBus({ servers, namespace, name: 'bus-contract', logger, ...options }),
    publishRaw: async (subject: string, payload: Uint8Array, headers: Headers = {}) => {
      nc.publish(ns.subject(subject), payload, { headers: toNatsHeaders(headers) });
      await nc.flush();
    },
    consumerState: async (stream: string, durable: string) => {
      const info = await jsm.consumers.info(ns.streamName(stream), durable);
      return { ackPending: info.num_ack_pending, pending: info.num_pending };
    },
    streamMessages: async (stream: string) =>
      (await jsm.streams.info(ns.streamName(stream))).state.messages,
    dispose: async () => {
      await nc.close();
      await removeNatsNamespace({ servers, namespace });
    },
  };
});
