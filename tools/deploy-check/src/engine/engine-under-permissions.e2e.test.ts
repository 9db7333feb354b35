import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { connectNatsBus, type Bus } from '@hoga/bus';
import { OPS, subjects, type OpsService } from '@hoga/contracts';
import { eventually, freePort, scrapePrometheus, testDatabaseUrl, uniqueName } from '@hoga/testkit';
import { startEmulator, type RunningEmulator } from '@hoga/upbit-emulator';
import { startDeployedNats, type DeployedNats } from '../nats/nats-server-process.js';
import { ServiceProcess } from './service-process.js';
import { catalogSeries } from '../grafana/exported-names.js';
import { dashboardQueries } from '../grafana/dashboard-file.js';
import { metricNames } from '../grafana/promql-names.js';

const ACCESS_KEY = 'deploy-check-access';
const SECRET_KEY = 'deploy-check-secret';
const SERVICES = Object.keys(OPS) as OpsService[];
/**
 * Series the dashboard reads that this run cannot produce, and why. Anything else the dashboard
 * reads must be in some service's /metrics after the run.
 */
const ONLY_WHEN_IT_HAPPENS: Readonly<Record<string, string>> = {
  up: "Prometheus's own series for every target",
  hoga_upbit_throttled_total: 'counts 429/418 answers; the emulator runs without rate limits here',
  hoga_alert_outbox_depth:
    'recorded by the alert notifier, which runs only with a channel (Telegram, webhook)',
};
const envelope = (id: string) => ({
  id,
  occurredAt: new Date().toISOString(),
  causationId: null,
  correlationId: id,
});

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The environment of one service: no inherited HOGA_*, its own NATS user, short timings. */
function serviceEnv(
  service: OpsService,
  nats: DeployedNats,
  databaseUrl: string,
  emulator: RunningEmulator,
  metricsPort: number,
): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('HOGA_') && k !== 'DATABASE_URL' && k !== 'NATS_URL') base[k] = v;
  const own: Record<OpsService, Record<string, string>> = {
    'market-feed': {
      HOGA_MARKET_FEED__MARKETS: 'KRW-BTC',
      HOGA_MARKET_FEED__UPBIT__WS_URL: emulator.wsUrl,
      HOGA_MARKET_FEED__UPBIT__REST_URL: emulator.url,
      HOGA_MARKET_FEED__CANDLES__INTERVALS: '1m',
    },
    'order-executor': {
      HOGA_UPBIT__BASE_URL: emulator.url,
      HOGA_UPBIT__WS_URL: emulator.privateWsUrl,
      HOGA_UPBIT__ACCESS_KEY: ACCESS_KEY,
      HOGA_UPBIT__SECRET_KEY: SECRET_KEY,
      HOGA_EXECUTOR__POLL_INTERVAL_MS: '500',
      HOGA_EXECUTOR__ACCOUNT_PUBLISH_INTERVAL_MS: '1000',
    },
    'position-actor': {
      HOGA_POSITION_ACTOR__STATE_THROTTLE_MS: '100',
      HOGA_POSITION_ACTOR__LEASE_INTERVAL_MS: '500',
    },
    'risk-guard': { HOGA_RISK_GUARD__STATE_THROTTLE_MS: '200' },
    'dashboard-gateway': { HOGA_DASHBOARD_GATEWAY__PORT: '0' },
  };
  return {
    ...base,
    HOGA_NATS__URL: nats.url(service),
    HOGA_DATABASE__URL: databaseUrl,
    HOGA_METRICS__HOST: '127.0.0.1',
    HOGA_METRICS__PORT: String(metricsPort),
    ...own[service],
  };
}

describe('the engine under deploy/nats: every service as its own process and NATS user', function () {
  this.timeout(180_000);
  let nats: DeployedNats;
  let emulator: RunningEmulator;
  let operator: Bus;
  let base: string;
  let database: string;
  const running: ServiceProcess[] = [];
  const metricsUrls = new Map<OpsService, string>();

  before(async () => {
    nats = await startDeployedNats();
    base = await testDatabaseUrl();
    database = uniqueName('deploy_engine');
    await admin(base, `CREATE DATABASE "${database}"`);
    const url = new URL(base);
    url.pathname = `/${database}`;
    emulator = await startEmulator({
      port: 0,
      host: '127.0.0.1',
      seed: 7,
      markets: [
        {
          market: 'KRW-BTC',
          startPrice: '100000000',
          volatility: 0,
          jumpProbability: 0,
          book: { levelKrw: '1000000000' },
        },
      ],
      accounts: [{ accessKey: ACCESS_KEY, secretKey: SECRET_KEY, balances: { KRW: '10000000' } }],
      tickIntervalMs: 0,
      historyMinutes: 30,
      rateLimits: { enabled: false },
    });
    // risk-guard first (it writes the trading state the others read), then the rest
    for (const service of [
      'risk-guard',
      ...SERVICES.filter((s) => s !== 'risk-guard'),
    ] as OpsService[]) {
      const port = await freePort();
      metricsUrls.set(service, `http://127.0.0.1:${port}`);
      const env = serviceEnv(service, nats, url.toString(), emulator, port);
      running.push(await ServiceProcess.start(service, env));
    }
    operator = await connectNatsBus({
      servers: nats.url('operator'),
      name: 'deploy-check-operator',
    });
  });

  after(async function () {
    if (this.currentTest?.state === 'failed')
      for (const p of running) console.error(`----- ${p.service} -----\n${p.output.slice(-4_000)}`);
    await operator?.close().catch(() => undefined);
    for (const p of running.reverse()) await p.stop();
    await emulator?.close();
    await nats?.stop();
    if (database !== undefined)
      await admin(base, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });

  it('the operator runs a strategy: entry and take-profit are ordered, filled and applied, with no refusal', async () => {
    const commandId = `run-${randomUUID()}`;
    const reply = await eventually(
      async () => {
        const r = await operator.request(
          subjects.ops('position-actor', 'run'),
          {
            ...envelope(`req-${commandId}`),
            type: 'RunStrategy',
            data: {
              strategy: {
                id: 'deploy-check',
                market: 'KRW-BTC',
                budgetKrw: '100000',
                entry: 'immediate',
                exit: { takeProfitPct: 5, stopLossPct: 5 },
              },
              commandId,
              issuedBy: 'deploy-check',
              reason: null,
            },
          },
          { timeoutMs: 3_000 },
        );
        if (!r.ok && r.error.code === 'unavailable') throw new Error(JSON.stringify(r));
        return r;
      },
      30_000,
      200,
    );
    assert.ok(reply.ok, JSON.stringify(reply));
    // the order command went position-actor -> order-executor -> Upbit; the fill came back
    await eventually(
      async () => {
        const r = await operator.request(
          subjects.ops('position-actor', 'list'),
          {
            ...envelope(`list-${randomUUID()}`),
            type: 'ListPositions',
            data: { statuses: ['active'], market: null },
          },
          { timeoutMs: 3_000 },
        );
        assert.ok(
          r.ok && r.positions.some((p) => p.positionId === reply.positionId),
          JSON.stringify(r),
        );
      },
      60_000,
      250,
    );
    // a trade above the take-profit: the tick reaches the actor, the exit is ordered and filled
    await eventually(
      async () => {
        emulator.admin.setPrice('KRW-BTC', '107000000');
        await new Promise((r) => setTimeout(r, 150));
        const r = await operator.request(
          subjects.ops('position-actor', 'list'),
          {
            ...envelope(`list-${randomUUID()}`),
            type: 'ListPositions',
            data: { statuses: ['closed'], market: null },
          },
          { timeoutMs: 3_000 },
        );
        assert.ok(
          r.ok && r.positions.some((p) => p.positionId === reply.positionId),
          JSON.stringify(r),
        );
      },
      60_000,
      0,
    );
    const risk = await operator.request(
      subjects.ops('risk-guard', 'status'),
      { ...envelope(`risk-${randomUUID()}`), type: 'GetRiskStatus', data: {} },
      { timeoutMs: 3_000 },
    );
    assert.ok(risk.ok, JSON.stringify(risk));
    assert.deepEqual(nats.violations(), []);
    for (const p of running) assert.doesNotMatch(p.output, /Permissions Violation/, p.service);
  });

  it('each service serves /metrics: only catalog series, and what the dashboard reads', async () => {
    const scraped = new Set<string>();
    for (const [service, url] of metricsUrls) {
      const exposition = await scrapePrometheus(`${url}/metrics`);
      for (const sample of exposition.samples) scraped.add(sample.name);
      assert.ok(exposition.samples.length > 0, service);
    }
    const catalog = catalogSeries();
    const foreign = [...scraped].filter((n) => /^(hoga_|http_client_)/.test(n) && !catalog.has(n));
    assert.deepEqual(foreign, [], 'series exported but not in the catalog');
    const read = new Set(dashboardQueries().flatMap((q) => metricNames(q.expr)));
    // these appear only once what they count has happened (ONLY_WHEN_IT_HAPPENS)
    const unseen = [...read].filter((n) => !scraped.has(n) && !(n in ONLY_WHEN_IT_HAPPENS));
    assert.deepEqual(unseen, [], 'dashboard series no service exported in this run');
    for (const n of Object.keys(ONLY_WHEN_IT_HAPPENS)) assert.ok(read.has(n), `${n} is still read`);
    // reading the metrics (consumer backlogs) needed no permission a service lacks
    assert.deepEqual(nats.violations(), []);
  });
});
