/** One sample of a Prometheus text exposition: `name{label="v"} value`. */
export interface PromSample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A parsed exposition: its samples and the `# TYPE` / `# HELP` / `# UNIT` of each family. */
export interface PromExposition {
  readonly samples: readonly PromSample[];
  readonly types: ReadonlyMap<string, string>;
  readonly help: ReadonlyMap<string, string>;
  readonly units: ReadonlyMap<string, string>;
}

/** A line that is not Prometheus text format; names the line number. */
export class PromParseError extends Error {
  override readonly name = 'PromParseError';
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/;

/**
 * Parses the Prometheus text format (0.0.4) strictly: metric and label names, escaped label
 * values, `+Inf`/`-Inf`/`NaN`, an optional timestamp. Throws `PromParseError` on anything else.
 */
export function parsePrometheusText(text: string): PromExposition {
  const samples: PromSample[] = [];
  const types = new Map<string, string>();
  const help = new Map<string, string>();
  const units = new Map<string, string>();
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    const meta = /^#\s*(TYPE|HELP|UNIT)\s+([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(.*)$/.exec(line);
    if (meta) {
      const target = meta[1] === 'TYPE' ? types : meta[1] === 'HELP' ? help : units;
      target.set(meta[2]!, meta[3]!);
      return;
    }
    if (line.startsWith('#')) return;
    samples.push(parseSample(line, i + 1));
  });
  return { samples, types, help, units };
}

function parseSample(line: string, n: number): PromSample {
  const name = NAME.exec(line)?.[0];
  if (name === undefined) throw new PromParseError(n, `no metric name in ${JSON.stringify(line)}`);
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    while (!rest.startsWith('}')) {
      const m = LABEL.exec(rest);
      if (m === null) throw new PromParseError(n, `bad label in ${JSON.stringify(line)}`);
      labels[m[1]!] = m[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      rest = rest.slice(m[0].length);
      if (rest.startsWith(',')) rest = rest.slice(1);
      else if (!rest.startsWith('}')) throw new PromParseError(n, `bad label list in ${line}`);
    }
    rest = rest.slice(1);
  }
  const fields = rest.trim().split(/\s+/);
  if (fields.length < 1 || fields.length > 2 || fields[0] === '')
    throw new PromParseError(n, `no value in ${JSON.stringify(line)}`);
  const value = parseValue(fields[0]!);
  if (value === undefined) throw new PromParseError(n, `bad value ${fields[0]}`);
  return { name, labels, value };
}

function parseValue(text: string): number | undefined {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : undefined;
}

/** The samples named `name` whose labels include every one of `labels`. */
export function samplesOf(
  exposition: PromExposition,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): PromSample[] {
  return exposition.samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}

/** The value of the one sample named `name` with `labels`; undefined when absent. */
export function sampleValue(
  exposition: PromExposition,
  name: string,
  labels: Readonly<Record<string, string>> = {},
): number | undefined {
  const found = samplesOf(exposition, name, labels);
  if (found.length > 1)
    throw new Error(`${found.length} samples of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/** Fetches and parses a `/metrics` endpoint; throws on a non-200 answer. */
export async function scrapePrometheus(url: string): Promise<PromExposition> {
  const response = await fetch(url);
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`GET ${url}: ${response.status} ${text.slice(0, 200)}`);
  return parsePrometheusText(text);
}
