import * as t from 'io-ts';

/**
 * What the compiled decoder and encoder (`compiled-decoder.ts`, `compiled-encoder.ts`) share of
 * io-ts's own structure: they rebuild its decode and encode from a codec's kinds and must give
 * exactly what io-ts gives.
 */

export const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * io-ts's `stripKeys`: the object without the keys `props` does not name (itself if none), the
 * copy made only when there is something to strip.
 */
export function stripKeys(o: Record<string, unknown>, props: t.Props): Record<string, unknown> {
  const keys = Object.getOwnPropertyNames(o);
  if (keys.every((key) => hasOwn(props, key))) return o;
  const r: Record<string, unknown> = {};
  for (const key of keys) if (hasOwn(props, key)) r[key] = o[key];
  return r;
}

/**
 * io-ts's own finder of a union's common tag (exported at run time, not in its typings): the tag
 * and, per member, the tag's values. Without it a union tries its members in order, which
 * accepts and refuses the same values when the tags are distinct (getIndex's condition).
 */
export const ioTsIndex = (
  t as unknown as {
    readonly getIndex?: (codecs: readonly t.Mixed[]) => [string, unknown[][]] | undefined;
  }
).getIndex;

/**
 * `build(codec)`, built on a codec's first use and kept for the codec's life: for code handed
 * whatever codec (the bus, a route's, for every message), where building per call would cost
 * more than it saves.
 */
export function oncePerCodec<F>(build: (codec: t.Mixed) => F): (codec: t.Mixed) => F {
  const built = new WeakMap<t.Mixed, F>();
  return (codec) => {
    let f = built.get(codec);
    if (f === undefined) {
      f = build(codec);
      built.set(codec, f);
    }
    return f;
  };
}
