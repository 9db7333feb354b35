import { deepStrictEqual, throws } from 'node:assert/strict';
import { loadConfig } from '@hoga/config';
import { DEFAULT_CONFIG, RiskGuardConfig } from './config.js';

const load = (env: NodeJS.ProcessEnv) =>
  loadConfig(RiskGuardConfig, { defaults: DEFAULT_CONFIG, env });

describe('risk-guard config: the leader lease', () => {
  it('retries every second by default, with no instance name given', () => {
    deepStrictEqual(load({}).riskGuard.leadership, { retryMs: 1000 });
  });

  it('reads HOGA_RISK_GUARD__LEADERSHIP__* from the environment', () => {
    deepStrictEqual(
      load({
        HOGA_RISK_GUARD__LEADERSHIP__RETRY_MS: '250',
        HOGA_RISK_GUARD__LEADERSHIP__INSTANCE_ID: 'rg-b',
      }).riskGuard.leadership,
      { retryMs: 250, instanceId: 'rg-b' },
    );
  });

  it('refuses a retry period that is not a positive integer', () => {
    for (const bad of ['0', '-5', '1.5', 'soon'])
      throws(() => load({ HOGA_RISK_GUARD__LEADERSHIP__RETRY_MS: bad }), /leadership/);
  });

  it('refuses an instance name that status could not answer (empty, over 256 characters)', () => {
    for (const bad of ['', 'x'.repeat(257)])
      throws(() => load({ HOGA_RISK_GUARD__LEADERSHIP__INSTANCE_ID: bad }), /instanceId/);
  });
});
