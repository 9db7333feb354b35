/** Tracing settings of one process (`HOGA_TRACING__*`). Off unless an OTLP URL is given. */
export interface TracingConfig {
  /** Where spans go, OTLP over HTTP (`http://127.0.0.1:4318/v1/traces`); none: tracing is off. */
  readonly otlpUrl: string | undefined;
  /** The share of tick traces kept (0..1, parent-based). Traces that place an order are all kept. */
  readonly tickSampleRatio: number;
}

/** The default tick ratio: 1 tick trace in 100; every order trace is kept whatever the ratio. */
export const DEFAULT_TICK_SAMPLE_RATIO = 0.01;

/** A `HOGA_TRACING__*` variable is not usable (the message names it and says why). */
export class TracingConfigError extends Error {
  override readonly name = 'TracingConfigError';
}

const URL_VAR = 'HOGA_TRACING__OTLP_URL';
const RATIO_VAR = 'HOGA_TRACING__TICK_SAMPLE_RATIO';

function otlpUrlOf(raw: string | undefined): string | undefined {
  const text = raw?.trim() ?? '';
  if (text === '') return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TracingConfigError(`${URL_VAR} is not a URL (http://host:4318/v1/traces)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new TracingConfigError(`${URL_VAR} must be http or https, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '')
    throw new TracingConfigError(`${URL_VAR} must not carry credentials`);
  return url.toString();
}

function ratioOf(raw: string | undefined): number {
  const text = raw?.trim() ?? '';
  if (text === '') return DEFAULT_TICK_SAMPLE_RATIO;
  const ratio = Number(text);
  if (!/^\d*\.?\d+$/.test(text) || !(ratio >= 0 && ratio <= 1))
    throw new TracingConfigError(`${RATIO_VAR} must be a number from 0 to 1, not "${text}"`);
  return ratio;
}

/**
 * Reads `HOGA_TRACING__OTLP_URL` and `HOGA_TRACING__TICK_SAMPLE_RATIO`; throws
 * `TracingConfigError` naming the variable when one is unusable (a service stops at start).
 */
export function tracingConfigFromEnv(env: NodeJS.ProcessEnv = process.env): TracingConfig {
  return { otlpUrl: otlpUrlOf(env[URL_VAR]), tickSampleRatio: ratioOf(env[RATIO_VAR]) };
}
