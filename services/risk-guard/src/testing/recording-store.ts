import type { EventStore } from '@hoga/event-store';

/**
 * Test support: the same store, with every `append` call recorded (its stream id) before it is
 * passed on, to prove that an instance appended nothing.
 */
export function recordingAppends(store: EventStore): {
  readonly store: EventStore;
  readonly appends: string[];
} {
  const appends: string[] = [];
  const recording = new Proxy(store, {
    get(target, key) {
      if (key === 'append')
        return (...args: Parameters<EventStore['append']>) => {
          appends.push(args[0]);
          return target.append(...args);
        };
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
  return { store: recording, appends };
}
