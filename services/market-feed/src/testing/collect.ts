import type { Bus, Delivery, Subscription } from '@hoga/bus';
import type { Route } from '@hoga/contracts';

/** Everything received on a route, in order, until `stop`. */
export interface Collected<A> {
  readonly items: Delivery<A>[];
  stop(): Promise<void>;
}

/** Subscribes to `route` and keeps every decoded delivery. */
export async function collect<A>(bus: Bus, route: Route<A>): Promise<Collected<A>> {
  const items: Delivery<A>[] = [];
  const sub: Subscription = await bus.subscribe(route, (d) => void items.push(d));
  return { items, stop: () => sub.unsubscribe() };
}
