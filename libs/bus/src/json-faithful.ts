/**
 * True when `JSON.parse(JSON.stringify(value))` gives back a value equal to `value`: only
 * strings, booleans, null, finite numbers (not -0), arrays without holes and plain objects (no
 * `undefined`, function, symbol, bigint, `toJSON`, Date, class instance or cycle; at most
 * `maxDepth` levels). Then decoding `value` itself proves what a receiver decodes from its JSON.
 */
export function jsonFaithful(value: unknown, maxDepth = 32): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (maxDepth === 0) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++)
      if (!(i in value) || !jsonFaithful(value[i], maxDepth - 1)) return false;
    return Object.getPrototypeOf(value) === Array.prototype;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  if ('toJSON' in value || Object.getOwnPropertySymbols(value).length > 0) return false;
  for (const key in value) {
    if (key === '__proto__') return false;
    if (!jsonFaithful((value as Record<string, unknown>)[key], maxDepth - 1)) return false;
  }
  return true;
}
