import { deepStrictEqual, throws } from 'node:assert/strict';
import {
  DEFAULT_TICK_SAMPLE_RATIO,
  tracingConfigFromEnv,
  TracingConfigError,
} from './tracing-config.js';

describe('HOGA_TRACING__* configuration', () => {
  it('is off without a URL, with the default tick ratio', () => {
    deepStrictEqual(tracingConfigFromEnv({}), {
      otlpUrl: undefined,
      tickSampleRatio: DEFAULT_TICK_SAMPLE_RATIO,
    });
  });

  it('reads the OTLP URL and the tick ratio', () => {
    deepStrictEqual(
      tracingConfigFromEnv({
        HOGA_TRACING__OTLP_URL: ' http://127.0.0.1:4318/v1/traces ',
        HOGA_TRACING__TICK_SAMPLE_RATIO: '0.25',
      }),
      { otlpUrl: 'http://127.0.0.1:4318/v1/traces', tickSampleRatio: 0.25 },
    );
  });

  for (const [name, env, why] of [
    [
      'a URL that is not one',
      { HOGA_TRACING__OTLP_URL: 'collector:4318' },
      /HOGA_TRACING__OTLP_URL must be http or https/,
    ],
    [
      'garbage as a URL',
      { HOGA_TRACING__OTLP_URL: 'not a url' },
      /HOGA_TRACING__OTLP_URL is not a URL/,
    ],
    [
      'credentials in the URL',
      { HOGA_TRACING__OTLP_URL: 'http://u:secret@host:4318/v1/traces' },
      /must not carry credentials/,
    ],
    ['a ratio above 1', { HOGA_TRACING__TICK_SAMPLE_RATIO: '1.5' }, /from 0 to 1, not "1.5"/],
    ['a negative ratio', { HOGA_TRACING__TICK_SAMPLE_RATIO: '-0.1' }, /from 0 to 1/],
    ['a ratio that is not a number', { HOGA_TRACING__TICK_SAMPLE_RATIO: 'often' }, /from 0 to 1/],
  ] as const)
    it(`refuses ${name} with TracingConfigError naming the variable`, () => {
      throws(
        () => tracingConfigFromEnv(env),
        (e: unknown) =>
          e instanceof TracingConfigError && why.test(e.message) && !e.message.includes('secret'),
      );
    });
});
