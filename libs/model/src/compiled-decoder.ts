import type * as t from 'io-ts';
import * as E from 'fp-ts/lib/Either.js';
import { decodeWith, type DecodeError } from './decode.js';
import { hasOwn, ioTsIndex, oncePerCodec, stripKeys } from './io-ts-structure.js';

/** What a compiled check gives for a value its codec refuses. */
const REFUSED: unique symbol = Symbol('refused');
type Refused = typeof REFUSED;

/** A codec's decode without io-ts's per-field `Either`s and contexts: the value, or `REFUSED`. */
type Check = (u: unknown) => unknown;

/** The one context handed to the codecs run as they are (they use it only to report errors). */
const CONTEXT: t.Context = [];

/** Any codec run as it is, through its own `validate`. */
const asIs =
  (codec: t.Mixed): Check =>
  (u) => {
    const r = codec.validate(u, CONTEXT);
    return r._tag === 'Right' ? (r.right as unknown) : REFUSED;
  };

/** What io-ts's `UnknownRecord` accepts. */
const isRecord = (u: unknown): u is Record<string, unknown> => {
  const s = Object.prototype.toString.call(u);
  return s === '[object Object]' || s === '[object Window]';
};

/** `t.type(props)`: each prop checked; the input itself unless a prop's value changed. */
function interfaceCheck(props: t.Props): Check {
  const keys = Object.keys(props);
  const checks = keys.map((k) => compile(props[k]!));
  return (u) => {
    if (!isRecord(u)) return REFUSED;
    let a = u;
    for (let i = 0; i < keys.length; i += 1) {
      const k = keys[i]!;
      const ak = a[k];
      const v = checks[i]!(ak);
      if (v === REFUSED) return REFUSED;
      if (v !== ak || (v === undefined && !hasOwn(a, k))) {
        // As io-ts: a shallow copy (Object.assign, as its `__assign`), then the decoded value.
        if (a === u) a = Object.assign({}, u);
        a[k] = v;
      }
    }
    return a;
  };
}

/** `t.union`: dispatched on the common tag when io-ts finds one, else the first member that takes it. */
function unionCheck(codec: t.UnionType<t.Mixed[]>): Check {
  const members = codec.types.map(compile);
  const index = ioTsIndex?.(codec.types);
  if (index !== undefined && members.length > 0) {
    const [tag, groups] = index;
    return (u) => {
      if (!isRecord(u)) return REFUSED;
      const value = u[tag];
      const i = groups.findIndex((g) => g.indexOf(value) !== -1);
      return i === -1 ? REFUSED : members[i]!(u);
    };
  }
  return (u) => {
    for (const member of members) {
      const v = member(u);
      if (v !== REFUSED) return v;
    }
    return REFUSED;
  };
}

/**
 * The check of a codec, built from its structure for the kinds io-ts defines (string, number,
 * null, unknown, literal, keyof, refinement/brand, type, strict/exact, union), each written to
 * give exactly what the kind's `validate` gives; any other codec (the hand-written ones: decimals,
 * instants, nullable) runs as it is.
 */
function compile(codec: t.Mixed): Check {
  const tagged = codec as t.Mixed & { readonly _tag?: string };
  switch (tagged._tag) {
    case 'StringType':
    case 'NumberType':
    case 'NullType':
    case 'LiteralType':
    case 'KeyofType':
      // Their `validate` is `is(u) ? success(u) : failure(u, c)`.
      return (u: unknown) => (codec.is(u) ? (u as unknown) : REFUSED);
    case 'UnknownType':
      return (u) => u;
    case 'RefinementType': {
      const r = codec as unknown as t.RefinementType<t.Mixed>;
      const inner = compile(r.type);
      return (u) => {
        const v = inner(u);
        return v !== REFUSED && r.predicate(v) ? v : REFUSED;
      };
    }
    case 'InterfaceType':
      return interfaceCheck((codec as unknown as t.InterfaceType<t.Props>).props);
    case 'ExactType': {
      const inner = (codec as unknown as t.ExactType<t.Mixed>).type as t.Mixed & { _tag?: string };
      if (inner._tag !== 'InterfaceType') return asIs(codec);
      const props = (inner as unknown as t.InterfaceType<t.Props>).props;
      const check = interfaceCheck(props);
      return (u) => {
        const v = check(u);
        return v === REFUSED ? REFUSED : stripKeys(v as Record<string, unknown>, props);
      };
    }
    case 'UnionType':
      return unionCheck(codec as unknown as t.UnionType<t.Mixed[]>);
    default:
      return asIs(codec);
  }
}

/**
 * A decoder that gives what `decodeWith(codec, u)` gives, faster: the codec's structure is
 * compiled once into checks that allocate no `Either` or context per field (io-ts's own
 * `validate` does, for every field of every value: most of a decode's garbage). A value the
 * checks refuse is decoded again by `decodeWith`, which has the last word and the readable
 * reasons. For hot paths that decode many values of one codec (`hoga audit`, ADR 0048).
 */
export function compiledDecoder<A, O>(
  codec: t.Type<A, O, unknown>,
): (u: unknown) => E.Either<DecodeError, A> {
  const check = compile(codec);
  return (u) => {
    const v = check(u);
    return v === REFUSED ? decodeWith(codec, u) : E.right(v as A);
  };
}

const compiledOnce = oncePerCodec(compiledDecoder);

/**
 * {@link compiledDecoder} of a codec, compiled on its first use and kept for the codec's life
 * (the bus decodes every message with its route's codec).
 */
export const decoderOf = <A, O>(
  codec: t.Type<A, O, unknown>,
): ((u: unknown) => E.Either<DecodeError, A>) =>
  compiledOnce(codec) as (u: unknown) => E.Either<DecodeError, A>;

/** For the tests: the compiled checks alone (`REFUSED` where the codec refuses). */
export const compiledCheckOf = (codec: t.Mixed): ((u: unknown) => unknown) => compile(codec);

/** True when a compiled check refused its value. */
export const isRefused = (v: unknown): v is Refused => v === REFUSED;
