/** One decoded `key=value` pair with its value as it came over the wire. */
interface Pair {
  readonly key: string;
  readonly value: string;
  readonly rawValue: string;
}

const decode = (s: string): string => decodeURIComponent(s.replace(/\+/g, ' '));

/**
 * A query string kept in the order it was sent. Array keys keep their literal brackets
 * (`states[]`), whether they arrived as `states[]` or `states%5B%5D`.
 */
export class QueryParams {
  private constructor(private readonly list: readonly Pair[]) {}

  /** Parses a raw query (without `?`); undefined when a `%` escape is malformed. */
  static parse(raw: string): QueryParams | undefined {
    const list: Pair[] = [];
    try {
      for (const part of raw.split('&')) {
        if (part === '') continue;
        const eq = part.indexOf('=');
        const rawKey = eq < 0 ? part : part.slice(0, eq);
        const rawValue = eq < 0 ? '' : part.slice(eq + 1);
        list.push({ key: decode(rawKey), value: decode(rawValue), rawValue });
      }
    } catch {
      return undefined;
    }
    return new QueryParams(list);
  }

  /** No parameters at all. */
  get isEmpty(): boolean {
    return this.list.length === 0;
  }

  /** The first value of `name`. */
  get(name: string): string | undefined {
    return this.list.find((p) => p.key === name)?.value;
  }

  /** The first value of `name` as sent (still URL-encoded). */
  raw(name: string): string | undefined {
    return this.list.find((p) => p.key === name)?.rawValue;
  }

  /** Every value of an array parameter: `name[]` repeated (or `name` repeated). */
  getAll(name: string): string[] {
    return this.list.filter((p) => p.key === `${name}[]` || p.key === name).map((p) => p.value);
  }

  /** Every key that was sent. */
  keys(): string[] {
    return this.list.map((p) => p.key);
  }

  /** What Upbit hashes for `query_hash`: the decoded pairs joined as `k=v&k=v` in sent order. */
  hashInput(): string {
    return this.list.map((p) => `${p.key}=${p.value}`).join('&');
  }
}

/**
 * What Upbit hashes for a JSON body: its key/value pairs as `k=v&k=v` in body order; arrays
 * as repeated `k[]=v`; null and absent values are left out.
 */
export function bodyHashInput(body: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      const k = key.endsWith('[]') ? key : `${key}[]`;
      for (const v of value as unknown[]) parts.push(`${k}=${String(v)}`);
    } else {
      parts.push(`${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
    }
  }
  return parts.join('&');
}
