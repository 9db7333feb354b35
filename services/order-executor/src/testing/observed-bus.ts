import type { Bus, DurableDelivery } from '@hoga/bus';

/** What an {@link observedBus} does to durable deliveries. */
export interface Observation {
  /** Called with every durable delivery before the handler runs. */
  readonly seen: (delivery: DurableDelivery<unknown>) => void;
  /** When true, the handler's ack is swallowed: the consumer "dies" after its work, before the ack. */
  readonly dropAcks: boolean;
  /** Called once the handler of a delivery has finished (returned or thrown). */
  readonly settled?: (delivery: DurableDelivery<unknown>) => void;
}

/** A bus that behaves like `bus` but lets a test watch durable deliveries and drop their acks. */
export function observedBus(bus: Bus, observation: Observation): Bus {
  return {
    publish: (route, message, options) => bus.publish(route, message, options),
    subscribe: (route, handler, options) => bus.subscribe(route, handler, options),
    request: (route, request, options) => bus.request(route, request, options),
    reply: (route, handler, options) => bus.reply(route, handler, options),
    publishDurable: (route, message, options) => bus.publishDurable(route, message, options),
    publishEncodedDurable: (route, encoded, options) =>
      bus.publishEncodedDurable(route, encoded, options),
    kv: (route) => bus.kv(route),
    deadLetters: (handler, options) => bus.deadLetters(handler, options),
    keptDeadLetters: (query) => bus.keptDeadLetters(query),
    declareStream: (spec) => bus.declareStream(spec),
    readStream: (spec, codec, query) => bus.readStream(spec, codec, query),
    close: () => Promise.resolve(),
    consume: (route, options, handler) =>
      bus.consume(route, options, async (delivery) => {
        observation.seen(delivery);
        const ack = observation.dropAcks ? () => Promise.resolve() : () => delivery.ack();
        try {
          await handler({ ...delivery, ack, nak: (ms) => delivery.nak(ms) });
        } finally {
          observation.settled?.(delivery);
        }
      }),
  };
}

/** Counts the command handlers of an {@link observedBus}: deliveries seen, most running at once. */
export class HandlerGauge {
  /** The delivery count of every delivery, in arrival order. */
  readonly deliveries: number[] = [];
  #active = 0;
  #max = 0;

  /** Handlers running now. */
  get active(): number {
    return this.#active;
  }

  /** The most handlers seen running at the same time. */
  get max(): number {
    return this.#max;
  }

  /** An observation feeding this gauge. */
  observation(dropAcks = false): Observation {
    return {
      dropAcks,
      seen: (d) => {
        this.deliveries.push(d.deliveryCount);
        this.#active += 1;
        this.#max = Math.max(this.#max, this.#active);
      },
      settled: () => void (this.#active -= 1),
    };
  }
}
