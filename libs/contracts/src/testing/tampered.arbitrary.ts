import fc from 'fast-check';

/** Values a tampered or foreign message may hold where a field is. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    undefined,
    null,
    '',
    '0',
    '-1',
    '1e3',
    ' 1',
    'NaN',
    'Infinity',
    0,
    -0,
    1.5,
    Number.NaN,
    '2026-12-07T01:00:00Z',
    'not a date',
    'take-profit',
    'cancelled',
    'bid',
    'market',
    'PositionClosed',
    'toString',
    'constructor',
    [],
    {},
  ),
  fc.jsonValue(),
  fc.string(),
);

type Json = Record<string, unknown> | unknown[];
const isContainer = (u: unknown): u is Json => typeof u === 'object' && u !== null;

/** A copy of `value` with the container at `path` copied too (the rest shared), and that copy. */
function copyAlong(value: Json, path: readonly number[]): { root: Json; target: Json } {
  const root: Json = Array.isArray(value) ? [...value] : { ...value };
  let target = root;
  for (const pick of path) {
    const keys = Object.keys(target);
    const children = keys.filter((k) => isContainer((target as Record<string, unknown>)[k]));
    if (children.length === 0) break;
    const key = children[pick % children.length]!;
    const child = (target as Record<string, unknown>)[key] as Json;
    const copy: Json = Array.isArray(child) ? [...child] : { ...child };
    (target as Record<string, unknown>)[key] = copy;
    target = copy;
  }
  return { root, target };
}

/**
 * Copies of the samples with one field changed at any depth (the envelope, its data, a nested
 * object or array): set to an odd value, deleted, or a key added. The samples are not touched.
 */
export const tamperedCopies = (samples: readonly object[]): fc.Arbitrary<unknown> =>
  fc
    .record({
      sample: fc.constantFrom(...samples),
      path: fc.array(fc.nat(), { maxLength: 3 }),
      pick: fc.nat(),
      how: fc.constantFrom('set', 'delete', 'add'),
      key: fc.string(),
      value: oddValue,
    })
    .map(({ sample, path, pick, how, key, value }) => {
      const { root, target } = copyAlong(sample as Json, path);
      const fields = Object.keys(target);
      // An array grows by an element, never by a key ('length' is no field to set).
      if (Array.isArray(target) && (how === 'add' || fields.length === 0)) {
        target.push(value);
        return root;
      }
      const record = target as Record<string, unknown>;
      const field = fields.length === 0 ? key : fields[pick % fields.length]!;
      if (how === 'set') record[field] = value;
      else if (how === 'delete') delete record[field];
      else record[key] = value;
      return root;
    });
