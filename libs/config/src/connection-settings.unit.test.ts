import { deepStrictEqual, ok, throws } from 'node:assert/strict';
import { connectionEnv, DatabaseUrl, NatsSettings } from './connection-settings.js';
import { isConfigError } from './load-config.js';

describe('connection settings from HOGA_* (the services and the CLI read them alike)', () => {
  it('reads HOGA_NATS__URL, HOGA_NATS__NAMESPACE and HOGA_DATABASE__URL, each optional', () => {
    deepStrictEqual(
      connectionEnv({
        HOGA_NATS__URL: 'nats://10.0.0.1:4222,nats://10.0.0.2:4222',
        HOGA_NATS__NAMESPACE: 'staging.a',
        HOGA_DATABASE__URL: 'postgresql://hoga:pw@db:5432/hoga',
        HOGA_RISK__LOSS_LIMIT_PCT: '10',
      }),
      {
        nats: { url: 'nats://10.0.0.1:4222,nats://10.0.0.2:4222', namespace: 'staging.a' },
        database: { url: 'postgresql://hoga:pw@db:5432/hoga' },
      },
    );
    deepStrictEqual(connectionEnv({ PATH: '/bin' }), {});
    deepStrictEqual(connectionEnv({ HOGA_NATS__URL: '127.0.0.1:4222' }), {
      nats: { url: '127.0.0.1:4222' },
    });
  });

  it('refuses a bad value naming the variable and what it expects, never the value', () => {
    const refused = (env: NodeJS.ProcessEnv, variable: string) =>
      throws(
        () => connectionEnv(env),
        (e: unknown) => {
          ok(isConfigError(e));
          ok(e.message.startsWith(`${variable} expected `), e.message);
          ok(!e.message.includes('s3cret'), e.message);
          return true;
        },
      );
    refused({ HOGA_NATS__NAMESPACE: 'has space' }, 'HOGA_NATS__NAMESPACE');
    refused({ HOGA_NATS__NAMESPACE: 'a.*' }, 'HOGA_NATS__NAMESPACE');
    refused({ HOGA_NATS__URL: 'http://10.0.0.1:4222' }, 'HOGA_NATS__URL');
    refused({ HOGA_NATS__URL: '' }, 'HOGA_NATS__URL');
    refused({ HOGA_DATABASE__URL: 'mysql://root:s3cret@db/hoga' }, 'HOGA_DATABASE__URL');
    refused({ HOGA_DATABASE__URL: 'not a url s3cret' }, 'HOGA_DATABASE__URL');
  });

  it('the codecs take what the services are configured with', () => {
    ok(NatsSettings.is({ url: 'nats://127.0.0.1:4222', namespace: '' }));
    ok(DatabaseUrl.is('postgres://postgres@127.0.0.1:5432/hoga'));
    ok(!DatabaseUrl.is('postgres//x'));
  });
});
