import { deepEqual, equal, rejects } from 'node:assert/strict';
import { configSources, Opened } from './service-start.js';

describe('the one service start shape (ADR 0062)', () => {
  it('reads HOGA_CONFIG and HOGA_* from the given environment, config on top', () => {
    const env = { HOGA_CONFIG: '/etc/hoga.yaml' };
    deepEqual(configSources({ env, config: { a: 1 } }), {
      env,
      file: '/etc/hoga.yaml',
      overrides: { a: 1 },
    });
    deepEqual(configSources({ env: {} }), { env: {} });
  });

  it('closes what it opened, last first, even when one close fails', async () => {
    const closed: string[] = [];
    const opened = new Opened();
    equal(
      opened.add('bus', (n) => void closed.push(n)),
      'bus',
    );
    opened.add('store', () => {
      closed.push('store');
      throw new Error('store close failed');
    });
    opened.add('metrics', (n) => void closed.push(n));
    await rejects(opened.close(), /store close failed/);
    deepEqual(closed, ['metrics', 'store', 'bus']);
    await opened.close(); // nothing left: closes once
    deepEqual(closed, ['metrics', 'store', 'bus']);
  });

  it('a failed start closes what was opened so far and rethrows', async () => {
    const closed: string[] = [];
    const opened = new Opened();
    await rejects(
      opened.orClose(() => {
        opened.add('bus', (n) => void closed.push(n));
        return Promise.reject(new Error('migration failed'));
      }),
      /migration failed/,
    );
    deepEqual(closed, ['bus']);
  });
});
