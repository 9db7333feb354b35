/**
 * Probes for the engine bench: a Bus and an EventStore that delegate to the real ones and count
 * or time what passes (tick deliveries, position-state publishes, appends of exit requests). The
 * decider's evaluations are the service's own count (`decisions()`).
 */
import { performance } from 'node:perf_hooks';
import type { Bus } from '@hoga/bus';
import type { EventStore } from '@hoga/event-store';

const TICK_PREFIX = 'hoga.md.tick.';
const STATE_PREFIX = 'hoga.position.state.';

/** What the probing bus saw. */
export interface BusCounters {
  /** Ticks handed to position-actor's tick subscriptions. */
  ticksDelivered: number;
  /** `hoga.position.state.*` messages position-actor published. */
  statePublishes: number;
}

/** A Bus that counts tick deliveries into its subscribers and position-state publishes. */
export function probingBus(inner: Bus): { bus: Bus; counters: BusCounters } {
  const counters: BusCounters = { ticksDelivered: 0, statePublishes: 0 };
  const bus: Bus = {
    publish: (route, message, options) => {
      if (route.subject.startsWith(STATE_PREFIX)) counters.statePublishes += 1;
      return inner.publish(route, message, options);
    },
    subscribe: (route, handler, options) =>
      inner.subscribe(
        route,
        route.subject.startsWith(TICK_PREFIX)
          ? (d) => {
              counters.ticksDelivered += 1;
              return handler(d);
            }
          : handler,
        options,
      ),
    request: (route, request, options) => inner.request(route, request, options),
    reply: (route, handler, options) => inner.reply(route, handler, options),
    publishDurable: (route, message, options) => inner.publishDurable(route, message, options),
    publishEncodedDurable: (route, encoded, options) =>
      inner.publishEncodedDurable(route, encoded, options),
    consume: (route, options, handler) => inner.consume(route, options, handler),
    kv: (route) => inner.kv(route),
    deadLetters: (handler, options) => inner.deadLetters(handler, options),
    keptDeadLetters: (query) => inner.keptDeadLetters(query),
    declareStream: (spec) => inner.declareStream(spec),
    readStream: (spec, codec, query) => inner.readStream(spec, codec, query),
    close: () => inner.close(),
  };
  return { bus, counters };
}

/** An EventStore that records when an append holding an `ExitOrderRequested` committed. */
export function timingStore(inner: EventStore): {
  store: EventStore;
  exitAppendedAt: Map<string, number>;
  appends: { count: number; events: number };
} {
  const exitAppendedAt = new Map<string, number>();
  const appends = { count: 0, events: 0 };
  const store: EventStore = {
    append: async (streamId, events, options) => {
      const result = await inner.append(streamId, events, options);
      appends.count += 1;
      appends.events += events.length;
      if (events.some((e) => e.type === 'ExitOrderRequested'))
        exitAppendedAt.set(streamId, performance.now());
      return result;
    },
    ...(inner.appendEach === undefined
      ? {}
      : {
          appendEach: async (items) => {
            const results = await inner.appendEach!(items);
            appends.count += 1;
            appends.events += items.length;
            return results;
          },
        }),
    readStream: (streamId, fromVersion) => inner.readStream(streamId, fromVersion),
    streamVersion: (streamId) => inner.streamVersion(streamId),
    readAll: (options) => inner.readAll(options),
    subscribe: (from, handler, options) => inner.subscribe(from, handler, options),
    pendingOutbox: (limit) => inner.pendingOutbox(limit),
    markOutboxSent: (ids) => inner.markOutboxSent(ids),
    recordOutboxFailure: (id, error) => inner.recordOutboxFailure(id, error),
    saveSnapshot: (snapshot) => inner.saveSnapshot(snapshot),
    loadSnapshot: (streamId) => inner.loadSnapshot(streamId),
    close: () => inner.close(),
  };
  return { store, exitAppendedAt, appends };
}
