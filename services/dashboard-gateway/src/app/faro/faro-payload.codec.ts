import * as t from 'io-ts';

/** Items of one kind in one payload at most (Faro batches far fewer). */
export const MAX_ITEMS = 1000;

const items = (name: string) =>
  t.refinement(t.array(t.UnknownRecord), (a) => a.length <= MAX_ITEMS, `${name}(≤${MAX_ITEMS})`);

/**
 * A Faro payload as the web SDK posts it (`{ meta, logs?, exceptions?, measurements?, events?,
 * traces? }`), checked at the top level: `meta` an object, each kind an array of objects (at most
 * {@link MAX_ITEMS}), `traces` an object (OTLP JSON). Unknown top-level keys are dropped; what is
 * inside an item is the collector's to check.
 */
export const FaroPayload = t.exact(
  t.intersection([
    t.type({ meta: t.UnknownRecord }),
    t.partial({
      logs: items('logs'),
      exceptions: items('exceptions'),
      measurements: items('measurements'),
      events: items('events'),
      traces: t.UnknownRecord,
    }),
  ]),
  'FaroPayload',
);
export type FaroPayload = t.TypeOf<typeof FaroPayload>;

/** The number of items a payload carries (trace batches count as one). */
export const itemCount = (p: FaroPayload): number =>
  (p.logs?.length ?? 0) +
  (p.exceptions?.length ?? 0) +
  (p.measurements?.length ?? 0) +
  (p.events?.length ?? 0) +
  (p.traces !== undefined ? 1 : 0);
