import { strict as assert } from 'node:assert';
import { serverCredentials } from './nats-url-credentials.js';

describe('serverCredentials', () => {
  it('takes the user and password out of a nats:// URL', () => {
    assert.deepEqual(serverCredentials('nats://market-feed:h0a1b2@nats:4222'), {
      servers: ['nats://nats:4222'],
      user: 'market-feed',
      pass: 'h0a1b2',
    });
  });

  it('leaves URLs without credentials as they are', () => {
    assert.deepEqual(serverCredentials(['nats://127.0.0.1:4222']), {
      servers: ['nats://127.0.0.1:4222'],
    });
  });

  it('decodes percent-escapes and reads comma-separated servers', () => {
    assert.deepEqual(serverCredentials('nats://u:p%40ss@a:4222, nats://u:p%40ss@b:4222'), {
      servers: ['nats://a:4222', 'nats://b:4222'],
      user: 'u',
      pass: 'p@ss',
    });
  });

  it('refuses servers with different credentials, naming no secret', () => {
    assert.throws(
      () => serverCredentials(['nats://a:secret1@x:4222', 'nats://b:secret2@y:4222']),
      (e: Error) => /different credentials/.test(e.message) && !/secret1|secret2/.test(e.message),
    );
  });
});
