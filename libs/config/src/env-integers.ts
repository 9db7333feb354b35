import * as t from 'io-ts';

/** A non-negative safe integer. */
export const NonNegativeInt = t.refinement(
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 0,
  'NonNegativeInt',
);
/** A positive safe integer. */
export const PositiveInt = t.refinement(
  t.number,
  (n) => Number.isSafeInteger(n) && n > 0,
  'PositiveInt',
);
/** A number codec that also takes an environment string (`"10000"`). */
export const fromString = (codec: t.Type<number, number, unknown>) =>
  new t.Type<number, number, unknown>(
    codec.name,
    codec.is,
    (u, c) => codec.validate(typeof u === 'string' && u.trim() !== '' ? Number(u) : u, c),
    t.identity,
  );
/** A non-negative safe integer, also from an environment string (`"250"`). */
export const NonNegativeIntFromEnv = fromString(NonNegativeInt);
/** A positive safe integer, also from an environment string (`"50"`). */
export const PositiveIntFromEnv = fromString(PositiveInt);
/** A number accepted by `accept`, also from an environment string (`"0.5"`). */
export const numberFromEnv = (name: string, accept: (n: number) => boolean) =>
  fromString(t.refinement(t.number, (n) => Number.isFinite(n) && accept(n), name));
