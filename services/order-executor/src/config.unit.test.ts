import { equal, ok, throws } from 'node:assert/strict';
import { ExecutorConfigError, loadExecutorConfig } from './config.js';

const env = {
  HOGA_UPBIT__ACCESS_KEY: 'ak',
  HOGA_UPBIT__SECRET_KEY: 'a-secret-value',
  HOGA_EXECUTOR__POLL_INTERVAL_MS: '2500',
  HOGA_LIMITS__MAX_EXPOSURE_PER_MARKET_KRW: '3000000',
};

describe('loadExecutorConfig', () => {
  it('reads HOGA_* variables over the defaults (numbers and decimals from strings)', () => {
    const config = loadExecutorConfig({ env });
    equal(config.upbit.accessKey, 'ak');
    equal(config.executor.pollIntervalMs, 2500);
    ok(config.limits.maxExposurePerMarketKrw?.eq(3_000_000));
    equal(config.limits.maxOpenPositions, null);
    ok(config.executor.feeRate.eq('0.0005'));
    equal(config.executor.maxInFlight, 8);
  });

  it('reads how many commands run at once from HOGA_EXECUTOR__MAX_IN_FLIGHT, at least 1', () => {
    const reading = (value: string) =>
      loadExecutorConfig({ env: { ...env, HOGA_EXECUTOR__MAX_IN_FLIGHT: value } });
    equal(reading('3').executor.maxInFlight, 3);
    equal(reading('1').executor.maxInFlight, 1);
    throws(() => reading('0'), ExecutorConfigError);
    throws(
      () => reading('-2'),
      (e: Error) => e.message.includes('executor.maxInFlight'),
    );
  });

  it('refuses windows that do not outlast the Upbit timeout', () => {
    throws(
      () => loadExecutorConfig({ env, overrides: { executor: { absenceAfterMs: 5_000 } } }),
      ExecutorConfigError,
    );
    throws(
      () => loadExecutorConfig({ env, overrides: { executor: { ackWaitMs: 10_000 } } }),
      ExecutorConfigError,
    );
  });

  it('names a bad field without echoing any value', () => {
    throws(
      () => loadExecutorConfig({ env: { ...env, HOGA_EXECUTOR__MAX_DELIVER: 'many' } }),
      (e: Error) =>
        e.message.includes('executor.maxDeliver') && !e.message.includes('a-secret-value'),
    );
  });
});
