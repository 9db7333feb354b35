import { deepEqual, throws } from 'node:assert/strict';
import { isConfigError } from './load-config.js';
import { logLimitsFromEnv } from './log-limits.config.js';

describe('log stream limits from the environment (ADR 0042)', () => {
  it('is empty when nothing is set: the bus keeps the defaults', () =>
    deepEqual(logLimitsFromEnv({ HOGA_DEAD_LETTERS__MAX_BYTES: '1000' }), {}));
  it('reads HOGA_LOGS__MAX_AGE_MS and HOGA_LOGS__MAX_BYTES, only those set', () => {
    deepEqual(
      logLimitsFromEnv({ HOGA_LOGS__MAX_AGE_MS: '3600000', HOGA_LOGS__MAX_BYTES: '1048576' }),
      {
        maxAgeMs: 3_600_000,
        maxBytes: 1_048_576,
      },
    );
    deepEqual(logLimitsFromEnv({ HOGA_LOGS__MAX_BYTES: '2048' }), { maxBytes: 2048 });
  });
  for (const [name, value] of [
    ['MAX_AGE_MS', '0'],
    ['MAX_AGE_MS', '-5'],
    ['MAX_BYTES', '1.5'],
    ['MAX_BYTES', 'lots'],
  ] as const)
    it(`refuses HOGA_LOGS__${name}=${value} with a ConfigError naming the field`, () =>
      throws(
        () => logLimitsFromEnv({ [`HOGA_LOGS__${name}`]: value }),
        (e: unknown) => isConfigError(e) && /HOGA_LOGS__\*/.test(e.message),
      ));
});
