import * as t from 'io-ts';
import { ioTsIndex, oncePerCodec, stripKeys } from './io-ts-structure.js';

/** A codec's encode. */
type Encode = (a: unknown) => unknown;

const identity: Encode = t.identity;

/** `t.type(props)`'s encode: a copy with each prop whose codec is not the identity encoded. */
function interfaceEncode(props: t.Props): Encode {
  const keys = Object.keys(props);
  const encoders = keys.map((k) => compile(props[k]!));
  const encoded = keys.map((_, i) => i).filter((i) => encoders[i] !== identity);
  if (encoded.length === 0) return identity;
  return (a) => {
    const o = a as Record<string, unknown>;
    const s: Record<string, unknown> = Object.assign({}, o);
    for (const i of encoded) s[keys[i]!] = encoders[i]!(o[keys[i]!]);
    return s;
  };
}

/**
 * `t.strict(props)`/`t.exact(t.type(props))`'s encode: io-ts strips the keys `props` does not name
 * (building the stripped copy even when it then returns the value itself) and copies again to
 * encode; here the stripped copy is built only when there is something to strip.
 */
function exactEncode(props: t.Props): Encode {
  const inner = interfaceEncode(props);
  return (a) => inner(stripKeys(a as Record<string, unknown>, props));
}

/** `t.union`'s encode: by the common tag when io-ts finds one, else the first member that is it. */
function unionEncode(codec: t.UnionType<t.Mixed[]>): Encode {
  if (codec.encode === t.identity) return identity;
  const members = codec.types.map(compile);
  const index = ioTsIndex?.(codec.types);
  if (index !== undefined && members.length > 0) {
    const [tag, groups] = index;
    return (a) => {
      const value = (a as Record<string, unknown>)[tag];
      const i = groups.findIndex((g) => g.indexOf(value) !== -1);
      if (i === -1) return codec.encode(a) as unknown; // io-ts's own error
      return members[i]!(a);
    };
  }
  return (a) => {
    const i = codec.types.findIndex((type) => type.is(a));
    return i === -1 ? (codec.encode(a) as unknown) : members[i]!(a);
  };
}

/**
 * The encode of a codec, built from its structure for the kinds whose encode io-ts composes
 * (type, strict/exact, union, refinement/brand, and the identity), each giving exactly what the
 * kind's `encode` gives; any other codec (the hand-written ones: decimals, nullable) runs as it is.
 */
function compile(codec: t.Mixed): Encode {
  if (codec.encode === t.identity) return identity;
  const asItIs: Encode = (a) => codec.encode(a) as unknown;
  const tagged = codec as t.Mixed & { readonly _tag?: string };
  switch (tagged._tag) {
    case 'RefinementType': {
      // io-ts's refinement (and brand) encodes with its inner codec's encode, as it is.
      const inner = (codec as unknown as t.RefinementType<t.Mixed>).type;
      return codec.encode === inner.encode ? compile(inner) : asItIs;
    }
    case 'InterfaceType':
      return interfaceEncode((codec as unknown as t.InterfaceType<t.Props>).props);
    case 'ExactType': {
      const inner = (codec as unknown as t.ExactType<t.Mixed>).type as t.Mixed & { _tag?: string };
      if (inner._tag !== 'InterfaceType') return asItIs;
      return exactEncode((inner as unknown as t.InterfaceType<t.Props>).props);
    }
    case 'UnionType':
      return unionEncode(codec as unknown as t.UnionType<t.Mixed[]>);
    default:
      return asItIs;
  }
}

const compiledOnce = oncePerCodec(compile);

/**
 * A codec's `encode`, giving what it gives with fewer copies: io-ts's `t.strict` copies a value
 * to strip unknown keys and again to encode its props, at every level, for every message the
 * bus sends. Compiled from the codec's structure on first use and kept for the codec's life.
 */
export const encoderOf = <A, O>(codec: t.Type<A, O, unknown>): ((a: A) => O) =>
  compiledOnce(codec) as (a: A) => O;
