import { deepEqual, equal, ok, throws } from 'node:assert/strict';
import { createServer } from 'node:net';
import { RuntimeFile } from '@hoga/cli';
import { pickPort, portChoiceOf, portForChild, portToListen, PortsSettingError } from './ports.js';
import { runtimeFileOf } from './runtime-file.js';
import { Teardown } from './teardown.js';

describe('all-in-one pieces', () => {
  it('picks the preferred port when free, another one when taken', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    const taken = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const other = await pickPort(taken);
      ok(other !== taken && other > 0);
    } finally {
      await new Promise((r) => server.close(r));
    }
    equal(await pickPort(taken), taken);
  });

  it('HOGA_PORTS=any takes ports the system chooses, never the preferred one; other values refused', async () => {
    equal(portChoiceOf({}), 'preferred');
    equal(portChoiceOf({ HOGA_PORTS: '' }), 'preferred');
    equal(portChoiceOf({ HOGA_PORTS: 'any' }), 'any');
    throws(() => portChoiceOf({ HOGA_PORTS: '8787' }), PortsSettingError);
    throws(
      () => portChoiceOf({ HOGA_PORTS: 'ANY' }),
      /HOGA_PORTS must be 'preferred' \(default\) or 'any', not 'ANY'/,
    );
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const address = server.address();
    const free = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise((r) => server.close(r));
    equal(await portToListen('any', free), 0, 'a server of the engine binds port 0');
    equal(await portToListen('preferred', free), free);
    const child = await portForChild('any', free);
    ok(child > 0 && child !== free, String(child));
  });

  it('writes a runtime file the CLI decodes, namespace empty', () => {
    const file = runtimeFileOf(
      {
        natsUrl: 'nats://127.0.0.1:42229',
        databaseUrl: 'postgres://postgres:pw@127.0.0.1:54329/hoga',
        emulator: {
          url: 'http://127.0.0.1:8787',
          wsUrl: 'ws://127.0.0.1:8787/websocket/v1',
          port: 8787,
        },
        ports: { postgres: 54329, nats: 42229 },
        dashboardUrl: 'http://127.0.0.1:8790/',
        metricsUrl: 'http://127.0.0.1:9464/metrics',
      },
      42,
      new Date('2026-11-23T00:00:00Z'),
    );
    ok(RuntimeFile.is(JSON.parse(JSON.stringify(file))));
    equal(file.namespace, '');
    deepEqual(file.ports, { postgres: 54329, nats: 42229, emulator: 8787 });
    equal(file.startedAt, '2026-11-23T00:00:00.000Z');
    equal(file.dashboardUrl, 'http://127.0.0.1:8790/');
    equal(file.metricsUrl, 'http://127.0.0.1:9464/metrics');
  });

  it('keeps null for the NATS URL on the in-process bus', () => {
    const file = runtimeFileOf(
      {
        natsUrl: null,
        databaseUrl: 'postgres://x',
        emulator: { url: 'http://h', wsUrl: 'ws://h', port: 1 },
        ports: { postgres: null, nats: null },
        dashboardUrl: 'http://127.0.0.1:8790/',
        metricsUrl: 'http://127.0.0.1:9464/metrics',
      },
      1,
      new Date(0),
    );
    equal(file.natsUrl, null);
    ok(RuntimeFile.is(file));
  });

  it('tears down in reverse order and goes on after a failure', async () => {
    const seen: string[] = [];
    const down = new Teardown();
    down.add('a', () => void seen.push('a'));
    down.add('b', () => {
      throw new Error('b failed');
    });
    down.add('c', () => void seen.push('c'));
    const errors: string[] = [];
    await down.run((name) => errors.push(name));
    deepEqual(seen, ['c', 'a']);
    deepEqual(errors, ['b']);
  });
});
