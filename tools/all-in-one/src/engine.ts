import { join } from 'node:path';
import { logLimitsFromEnv } from '@hoga/config';
import { PostgresEventStore } from '@hoga/event-store';
import { start as startMarketFeed } from '@hoga/market-feed';
import { start as startOrderExecutor } from '@hoga/order-executor';
import { SoloLeaseBackend, start as startPositionActor } from '@hoga/position-actor';
import {
  launchDemoStrategies,
  loadDemoStrategies,
  type DemoStrategy,
  type LaunchOutcome,
} from './demo-strategies.js';
import { operatorOf, startDashboard } from './dashboard.js';
import { busFactory } from './engine-bus.js';
import { exchangeModeOf, type ExchangeMode } from './exchange-mode.js';
import { openEngineLog, type EngineLog } from './file-log.js';
import { REPO_ROOT, acquireLock, homeOf, prepareHome, type HogaHome } from './home-dir.js';
import { startInfrastructure } from './infrastructure.js';
import { startEngineMetrics } from './engine-metrics.js';
import { openEngineConsole, type EngineConsole } from './engine-console.js';
import { startLiveView } from './live-view.js';
import type { FsyncPolicy } from '@hoga/upbit-emulator';
import { emulatorFsyncOf, paperAccountNote, startPaperExchange } from './paper-exchange.js';
import { PREFERRED_PORTS, portChoiceOf, portToListen, type PortChoice } from './ports.js';
import {
  removeRuntimeFile,
  runtimeFileOf,
  writeRuntimeFile,
  type EngineAddresses,
} from './runtime-file.js';
import { startRiskGuard } from './risk.js';
import { checkServiceConfigs } from './service-configs.js';
import { Teardown } from './teardown.js';

/** A running all-in-one engine. */
export interface Engine {
  /** Stops everything in reverse order of start; resolves when all is down. */
  stop(): Promise<void>;
}

/** The exchange the services talk to: the emulator started here, or Upbit itself (live). */
interface ExchangeConnection {
  /** The markets market-feed always watches (positions add theirs by watch leases). */
  readonly markets: readonly string[];
  readonly feed: { readonly wsUrl: string; readonly restUrl: string };
  readonly executor: {
    readonly baseUrl: string;
    readonly wsUrl: string;
    readonly accessKey: string;
    readonly secretKey: string;
  };
  readonly runtime: EngineAddresses['emulator'];
  readonly banner: string;
  /** The example strategies to launch (none in live mode). */
  readonly demos: readonly DemoStrategy[];
}

/**
 * Emulator mode: starts the emulator for the markets of the example strategies. Live mode
 * (`HOGA_EXCHANGE=upbit`): starts nothing, and launches no demo (never with real money).
 */
async function openExchange(
  mode: ExchangeMode,
  home: HogaHome,
  log: EngineLog,
  down: Teardown,
  fsync: FsyncPolicy,
  ports: PortChoice,
): Promise<ExchangeConnection> {
  if (mode.kind === 'upbit')
    return {
      markets: mode.markets,
      feed: { wsUrl: mode.wsUrl, restUrl: mode.baseUrl },
      executor: { baseUrl: mode.baseUrl, wsUrl: mode.privateWsUrl, ...mode.keys },
      runtime: null,
      banner: `Upbit LIVE ${mode.baseUrl} (real orders)`,
      demos: [],
    };
  const demos = loadDemoStrategies(join(REPO_ROOT, 'examples', 'strategies'));
  const markets = [...new Set(demos.map((d) => d.spec.market))].sort();
  const emulatorLog = log.for('upbit-emulator');
  const port = await portToListen(ports, PREFERRED_PORTS.emulator);
  const exchange = await startPaperExchange(home, markets, port, (l) => emulatorLog.info(l), fsync);
  if (exchange.state.torn)
    emulatorLog.warn('the paper account journal ended in a torn record (a crash); ignored', {
      torn: exchange.state.torn,
    });
  down.add('upbit-emulator', () => exchange.stop());
  const { emulator } = exchange;
  return {
    markets,
    feed: { wsUrl: emulator.wsUrl, restUrl: emulator.url },
    executor: { baseUrl: emulator.url, wsUrl: emulator.privateWsUrl, ...exchange.keys },
    runtime: emulator,
    banner: `Upbit emulator ${emulator.url} (simulated prices; ${paperAccountNote(exchange.state)})`,
    demos,
  };
}

const demoLine = (mode: ExchangeMode, launched: readonly LaunchOutcome[]): string =>
  mode.kind === 'upbit'
    ? '  demos      none (live mode never runs the examples); run a strategy: npm run hoga -- strategy run FILE'
    : `  demos      ${launched.map((l) => `${l.file}: ${l.outcome}${l.outcome === 'failed' ? ` (${l.error})` : ''}`).join(', ')}`;

/**
 * Starts every service in this process: PostgreSQL (embedded or `DATABASE_URL`), NATS (child
 * `nats-server`, `NATS_URL`, or the in-process bus), the exchange (the Upbit emulator, or Upbit
 * itself with `HOGA_EXCHANGE=upbit`), risk-guard, market-feed, order-executor, position-actor;
 * launches the example strategies (emulator only) and the live view.
 */
export async function startEngine(
  env: NodeJS.ProcessEnv = process.env,
  terminal: EngineConsole = openEngineConsole(),
): Promise<Engine> {
  // First: a wrong exchange setting or missing keys refuses before anything starts.
  const mode = exchangeModeOf(env);
  // Then every service's own config (HOGA_POSITION_ACTOR__*, HOGA_MARKET_FEED__*, ...).
  checkServiceConfigs(env);
  const fsync = mode.kind === 'upbit' ? 'always' : emulatorFsyncOf(env);
  const ports = portChoiceOf(env);
  const home = homeOf(env);
  prepareHome(home);
  const down = new Teardown();
  down.add('lock', acquireLock(home));
  const log = openEngineLog(home.logs);
  down.add('log', () => log.close());
  const logger = log.for('all-in-one');
  terminal.attach(logger);
  // runs just before the log closes: the file log records that the stop completed
  down.add('stopped', () => logger.info('engine stopped cleanly'));
  const onError = (name: string, error: unknown) =>
    logger.error(`stopping ${name} failed`, { error: String(error) });
  try {
    const metrics = await startEngineMetrics(env, ports);
    down.add('metrics', () => metrics.stop());
    const infra = await startInfrastructure(env, home, logger, down);
    // what the engine decides for every service, on top of each one's own config
    const decided = {
      database: { url: infra.databaseUrl },
      nats: { url: infra.natsUrl ?? 'nats://in-process', namespace: '' },
    };
    const bus = busFactory(infra.natsUrl, log, env);
    // every service's log lines on the bus too (ADR 0042), until the buses close
    const logBus = await bus('logs');
    down.add('log bus', () => logBus.close());
    await log.publishTo(logBus, logLimitsFromEnv(env));
    down.add('log to bus', () => log.stopPublishing());
    const exchange = await openExchange(mode, home, log, down, fsync, ports);
    const store = new PostgresEventStore({ connectionString: infra.databaseUrl, max: 10 });
    down.add('event store', () => store.close());
    await store.migrate();
    // risk-guard first: it writes the trading state to KV hoga-risk, which the executor checks
    const riskBus = await bus('risk-guard');
    down.add('risk-guard bus', () => riskBus.close());
    const risk = await startRiskGuard({
      env,
      config: decided,
      // one process: the only instance leads (no lease session)
      connections: {
        ...{ bus: riskBus, store, logger: log.for('risk-guard'), metrics },
        leases: new SoloLeaseBackend(),
      },
    });
    down.add('risk-guard', () => risk.service.stop());
    const feedBus = await bus('market-feed');
    down.add('market-feed bus', () => feedBus.close());
    const feed = await startMarketFeed({
      env,
      config: {
        ...decided,
        marketFeed: { source: 'upbit', markets: [...exchange.markets], upbit: exchange.feed },
      },
      connections: { bus: feedBus, logger: log.for('market-feed'), metrics },
    });
    down.add('market-feed', () => feed.stop());
    const executorBus = await bus('order-executor');
    down.add('order-executor bus', () => executorBus.close());
    const executor = await startOrderExecutor({
      env,
      connections: {
        bus: executorBus,
        database: { connectionString: infra.databaseUrl, max: 5 },
        logger: log.for('order-executor'),
        metrics,
      },
      config: { ...decided, upbit: exchange.executor },
    });
    down.add('order-executor', () => executor.stop());
    const actorBus = await bus('position-actor');
    down.add('position-actor bus', () => actorBus.close());
    // one process: every partition its own (no lease sessions); the position index is the
    // durable one in PostgreSQL that start opens (ADR 0064): a restart folds only the events
    // since the last stop
    const actor = await startPositionActor({
      env,
      config: decided,
      connections: {
        ...{ bus: actorBus, store, logger: log.for('position-actor'), metrics },
        leases: new SoloLeaseBackend(),
      },
    });
    down.add('position-actor', () => actor.stop());
    const dashboardBus = await bus('dashboard-gateway');
    down.add('dashboard-gateway bus', () => dashboardBus.close());
    const dashboard = await startDashboard({
      env,
      config: decided,
      connections: {
        ...{ bus: dashboardBus, store, logger: log.for('dashboard-gateway'), metrics },
        database: { connectionString: infra.databaseUrl, max: 4 },
      },
      operator: operatorOf(env),
    });
    down.add('dashboard-gateway', () => dashboard.service.stop());
    const viewBus = await bus('all-in-one');
    down.add('live view bus', () => viewBus.close());
    const started = new Date();
    const runtime = runtimeFileOf(
      {
        natsUrl: infra.natsUrl,
        databaseUrl: infra.databaseUrl,
        ports: infra.ports,
        emulator: exchange.runtime,
        dashboardUrl: dashboard.url,
        metricsUrl: metrics.metricsUrl,
      },
      process.pid,
      started,
    );
    writeRuntimeFile(home.runtime, runtime);
    down.add('runtime file', () => removeRuntimeFile(home.runtime));
    const view = await startLiveView(
      viewBus,
      [
        mode.kind === 'upbit'
          ? 'hoga all-in-one: LIVE on Upbit, no strategy launched'
          : 'hoga all-in-one: launching the demo strategies...',
      ],
      terminal.out,
    );
    down.add('live view', () => view.stop());
    const launched = await launchDemoStrategies(viewBus, exchange.demos);
    const banner = [
      `hoga all-in-one — home ${home.root} (pid ${process.pid})`,
      `  database   ${infra.databaseNote}${infra.ports.postgres !== null ? `, port ${infra.ports.postgres}` : ''}`,
      `  bus        ${infra.natsUrl ?? ''} ${infra.natsNote}`,
      `  exchange   ${exchange.banner}`,
      `  services   risk-guard, market-feed, order-executor, position-actor (rehydrated ${actor.rehydrated}), dashboard-gateway`,
      ...dashboard.banner,
      `  metrics    ${metrics.metricsUrl} (health: ${metrics.url}/health/ready)`,
      `  risk       ${risk.banner}`,
      demoLine(mode, launched),
      `  runtime    ${home.runtime}; logs ${log.path}`,
    ];
    view.setBanner(banner);
    if (!terminal.out.isTTY) terminal.out.write(`${banner.join('\n')}\nengine started\n`);
    logger.info('engine started', { rehydrated: actor.rehydrated, launched });
  } catch (error) {
    await down.run(onError);
    throw error;
  }
  return { stop: () => down.run(onError) };
}
