import type { BusLogger } from '../bus-logger.js';
import { Namespace } from '../namespace.js';
import { busContract } from '../testing/bus.contract.js';
import type { OpenOptions } from '../testing/contract/fixtures.js';
import { createInProcessBroker } from './in-process-broker.js';
import { createInProcessBus } from './in-process-bus.js';

const withNamespace = (namespace: string) => async () => {
  const broker = createInProcessBroker();
  const ns = new Namespace(namespace);
  return {
    open: async (logger: BusLogger, options: OpenOptions = {}) =>
      createInProcessBus({ namespace, logger, broker, name: 'bus-contract', ...options }),
    publishRaw: async (subject: string, payload: Uint8Array, headers = {}) =>
      void broker.publish(ns.subject(subject), payload, headers),
    consumerState: async (stream: string, durable: string) => {
      const state = broker.consumerState(ns.streamName(stream), durable);
      if (state === undefined) throw new Error(`no consumer ${stream}/${durable}`);
      return state;
    },
    streamMessages: async (stream: string) =>
      broker.stream(ns.streamName(stream))?.messageCount ?? 0,
    dispose: async () => broker.close(),
  };
};

busContract('in-process', withNamespace('contract.test'));
busContract('in-process without namespace', withNamespace(''));
