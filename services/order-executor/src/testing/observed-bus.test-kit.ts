import type { Bus, DurableDelivery } from '@hoga/bus';

/** What an {@link observedBus} does to durable deliveries. */
export interface Observation {
  /** Called with every durable delivery before the handler runs. */
  readonly seen: (delivery: DurableDelivery<unknown>) => void;
  /** When true, the handler's ack is swallowed: the consumer "dies" after its work, before the ack. */
  readonly dropAcks: boolean;
}

/** A bus that behaves like `bus` but lets a test watch durable deliveries and drop their acks. */
export function observedBus(bus: Bus, observation: Observation): Bus {
  return {
    publish: (route, message, options) => bus.publish(route, message, options),
    subscribe: (route, handler, options) => bus.subscribe(route, handler, options),
    request: (route, request, options) => bus.request(route, request, options),
    reply: (route, handler, options) => bus.reply(route, handler, options),
    publishDurable: (route, message, options) => bus.publishDurable(route, message, options),
    kv: (route) => bus.kv(route),
    deadLetters: (handler, options) => bus.deadLetters(handler, options),
    close: () => Promise.resolve(),
    consume: (route, options, handler) =>
      bus.consume(route, options, async (delivery) => {
        observation.seen(delivery);
        const ack = observation.dropAcks ? () => Promise.resolve() : () => delivery.ack();
        await handler({ ...delivery, ack, nak: (ms) => delivery.nak(ms) });
      }),
  };
}
