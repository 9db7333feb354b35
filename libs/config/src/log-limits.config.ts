import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decodeWith } from '@hoga/model';
import { fromString, PositiveInt } from './env-integers.js';
import { ConfigError, envToObject } from './load-config.js';

/**
 * The LOGS stream's limits from the environment (ADR 0042), each optional (the bus falls back
 * to `STREAMS.logs`): `HOGA_LOGS__MAX_AGE_MS` (lines older than this are discarded) and
 * `HOGA_LOGS__MAX_BYTES` (the oldest lines go first beyond it). Every service of one engine
 * must use the same values: the stream is shared, and each service brings it to its own.
 */
export const LogLimitsConfig = t.partial(
  {
    maxAgeMs: fromString(PositiveInt),
    maxBytes: fromString(PositiveInt),
  },
  'LogLimitsConfig',
);
export type LogLimitsConfig = t.TypeOf<typeof LogLimitsConfig>;

/** Reads {@link LogLimitsConfig} from `HOGA_LOGS__*`; a bad value is a ConfigError. */
export function logLimitsFromEnv(env: NodeJS.ProcessEnv = process.env): LogLimitsConfig {
  const section = envToObject(env)['logs'] ?? {};
  const decoded = decodeWith(LogLimitsConfig, section);
  if (E.isLeft(decoded))
    throw new ConfigError(
      `invalid HOGA_LOGS__*: ${decoded.left.issues.map((i) => `${i.path} expected ${i.expected}`).join('; ')}`,
      decoded.left,
    );
  // Only the limits that were set: the bus fills in the rest.
  return Object.fromEntries(Object.entries(decoded.right).filter(([, v]) => v !== undefined));
}
