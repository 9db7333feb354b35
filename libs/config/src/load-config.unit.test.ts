import { equal, ok, throws } from 'node:assert/strict';
import * as t from 'io-ts';
import { isConfigError, loadConfig, variableOf } from './load-config.js';

describe('loadConfig errors name the variable', () => {
  it('maps a config path to its HOGA_* variable; paths with indexes have none', () => {
    equal(variableOf('positionActor.feeRate'), 'HOGA_POSITION_ACTOR__FEE_RATE');
    equal(variableOf('marketFeed.upbit.wsUrl'), 'HOGA_MARKET_FEED__UPBIT__WS_URL');
    equal(variableOf('nats'), 'HOGA_NATS');
    equal(variableOf('notify.telegram.chatIds[0]'), undefined);
    equal(variableOf(''), undefined);
  });

  it('a bad environment value is a ConfigError naming the path and the variable, not the value', () => {
    const Config = t.strict({ positionActor: t.strict({ feeRate: t.literal('0.0005') }) });
    throws(
      () =>
        loadConfig(Config, {
          env: { HOGA_POSITION_ACTOR__FEE_RATE: 'secret-ish' },
          defaults: { positionActor: { feeRate: '0.0005' } },
        }),
      (e: unknown) => {
        ok(isConfigError(e));
        ok(
          e.message.includes('positionActor.feeRate (HOGA_POSITION_ACTOR__FEE_RATE) expected'),
          e.message,
        );
        ok(!e.message.includes('secret-ish'), e.message);
        return true;
      },
    );
  });
});
