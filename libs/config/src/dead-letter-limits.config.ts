import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decodeWith } from '@hoga/model';
import { fromString, NonNegativeInt, PositiveInt } from './env-integers.js';
import { ConfigError, envToObject } from './load-config.js';

/**
 * The dead-letter stream's limits from the environment (ADR 0034), each optional (the bus
 * falls back to `STREAMS.deadLetters`): `HOGA_DEAD_LETTERS__MAX_AGE_MS` (0 = no age limit),
 * `HOGA_DEAD_LETTERS__MAX_MSGS`, `HOGA_DEAD_LETTERS__MAX_BYTES`. Every service of one engine
 * must use the same values: the stream is shared, and each bus brings it to its own.
 */
export const DeadLetterLimitsConfig = t.partial(
  {
    maxAgeMs: fromString(NonNegativeInt),
    maxMsgs: fromString(PositiveInt),
    maxBytes: fromString(PositiveInt),
  },
  'DeadLetterLimitsConfig',
);
export type DeadLetterLimitsConfig = t.TypeOf<typeof DeadLetterLimitsConfig>;

/** Reads {@link DeadLetterLimitsConfig} from `HOGA_DEAD_LETTERS__*`; a bad value is a ConfigError. */
export function deadLetterLimitsFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): DeadLetterLimitsConfig {
  const section = envToObject(env)['deadLetters'] ?? {};
  const decoded = decodeWith(DeadLetterLimitsConfig, section);
  if (E.isLeft(decoded))
    throw new ConfigError(
      `invalid HOGA_DEAD_LETTERS__*: ${decoded.left.issues.map((i) => `${i.path} expected ${i.expected}`).join('; ')}`,
      decoded.left,
    );
  // Only the limits that were set: the bus fills in the rest.
  return Object.fromEntries(Object.entries(decoded.right).filter(([, v]) => v !== undefined));
}
