import { deepStrictEqual, strictEqual, throws } from 'node:assert/strict';
import { GATEWAY_DEFAULTS, loadGatewayConfig } from './config.js';

describe('dashboard-gateway config', () => {
  it('defaults to loopback on 8790 with no environment', () => {
    const { dashboardGateway } = loadGatewayConfig({ env: {} });
    deepStrictEqual(dashboardGateway, GATEWAY_DEFAULTS);
    strictEqual(dashboardGateway.host, '127.0.0.1');
  });

  it('takes numbers from environment strings', () => {
    const { dashboardGateway } = loadGatewayConfig({
      env: {
        HOGA_DASHBOARD_GATEWAY__PORT: '0',
        HOGA_DASHBOARD_GATEWAY__LIVE__TICKS_PER_SECOND: '2.5',
        HOGA_DASHBOARD_GATEWAY__SESSIONS__IDLE_MS: '1000',
      },
    });
    strictEqual(dashboardGateway.port, 0);
    strictEqual(dashboardGateway.live.ticksPerSecond, 2.5);
    strictEqual(dashboardGateway.sessions.idleMs, 1000);
  });

  for (const [name, value, field] of [
    ['PORT', '70000', 'dashboardGateway.port'],
    ['PORT', '1.5', 'dashboardGateway.port'],
    ['LIVE__TICKS_PER_SECOND', 'Infinity', 'dashboardGateway.live.ticksPerSecond'],
    ['LIVE__TICKS_PER_SECOND', '0', 'dashboardGateway.live.ticksPerSecond'],
    ['SESSIONS__IDLE_MS', 'abc', 'dashboardGateway.sessions.idleMs'],
    ['SESSIONS__IDLE_MS', '-5', 'dashboardGateway.sessions.idleMs'],
  ] as const)
    it(`refuses HOGA_DASHBOARD_GATEWAY__${name}=${value}, naming ${field}`, () => {
      throws(
        () => loadGatewayConfig({ env: { [`HOGA_DASHBOARD_GATEWAY__${name}`]: value } }),
        (e: Error) => e.message.includes(field) && !e.message.includes(value === '0' ? '=' : value),
      );
    });

  it('keeps Faro off by default and takes its collector from the environment', () => {
    strictEqual(loadGatewayConfig({ env: {} }).dashboardGateway.faro.collectorUrl, undefined);
    const { faro } = loadGatewayConfig({
      env: {
        HOGA_DASHBOARD_GATEWAY__FARO__COLLECTOR_URL: 'http://127.0.0.1:12347/collect',
        HOGA_DASHBOARD_GATEWAY__FARO__API_KEY: 'secret-key',
        HOGA_DASHBOARD_GATEWAY__FARO__TIMEOUT_MS: '2000',
      },
    }).dashboardGateway;
    strictEqual(faro.collectorUrl, 'http://127.0.0.1:12347/collect');
    strictEqual(faro.apiKey, 'secret-key');
    strictEqual(faro.timeoutMs, 2000);
    strictEqual(faro.maxQueued, GATEWAY_DEFAULTS.faro.maxQueued);
  });

  for (const url of ['not a url', 'ftp://127.0.0.1/collect', '/api/faro/collect'])
    it(`refuses HOGA_DASHBOARD_GATEWAY__FARO__COLLECTOR_URL=${url}`, () => {
      throws(
        () => loadGatewayConfig({ env: { HOGA_DASHBOARD_GATEWAY__FARO__COLLECTOR_URL: url } }),
        (e: Error) => e.message.includes('dashboardGateway.faro.collectorUrl'),
      );
    });
});
