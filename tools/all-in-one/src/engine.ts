import { join } from 'node:path';
import { PostgresEventStore } from '@hoga/event-store';
import { start as startMarketFeed, loadMarketFeedConfig } from '@hoga/market-feed';
import { start as startOrderExecutor } from '@hoga/order-executor';
import { start as startPositionActor } from '@hoga/position-actor';
import { launchDemoStrategies, loadDemoStrategies } from './demo-strategies.js';
import { busFactory } from './engine-bus.js';
import { openEngineLog } from './file-log.js';
import { REPO_ROOT, acquireLock, homeOf, prepareHome } from './home-dir.js';
import { startInfrastructure } from './infrastructure.js';
import { startLiveView } from './live-view.js';
import { startPaperExchange } from './paper-exchange.js';
import { PREFERRED_PORTS, pickPort } from './ports.js';
import { removeRuntimeFile, runtimeFileOf, writeRuntimeFile } from './runtime-file.js';
import { startRiskGuard } from './risk.js';
import { Teardown } from './teardown.js';

/** A running all-in-one engine. */
export interface Engine {
  /** Stops everything in reverse order of start; resolves when all is down. */
  stop(): Promise<void>;
}

/**
 * Starts every service in this process: PostgreSQL (embedded or `DATABASE_URL`), NATS (child
 * `nats-server`, `NATS_URL`, or the in-process bus), the Upbit emulator, risk-guard,
 * market-feed, order-executor, position-actor; launches the example strategies and the live view.
 */
export async function startEngine(env: NodeJS.ProcessEnv = process.env): Promise<Engine> {
  const home = homeOf(env);
  prepareHome(home);
  const down = new Teardown();
  down.add('lock', acquireLock(home));
  const log = openEngineLog(home.logs);
  down.add('log', () => log.close());
  const logger = log.for('all-in-one');
  const onError = (name: string, error: unknown) =>
    logger.error(`stopping ${name} failed`, { error: String(error) });
  try {
    const demos = loadDemoStrategies(join(REPO_ROOT, 'examples', 'strategies'));
    const markets = [...new Set(demos.map((d) => d.spec.market))].sort();
    const infra = await startInfrastructure(env, home, logger, down);
    const bus = busFactory(infra.natsUrl, log);
    const emulatorLog = log.for('upbit-emulator');
    const port = await pickPort(PREFERRED_PORTS.emulator);
    const exchange = await startPaperExchange(home, markets, port, (l) => emulatorLog.info(l));
    down.add('upbit-emulator', () => exchange.stop());
    const { emulator } = exchange;
    const store = new PostgresEventStore({ connectionString: infra.databaseUrl, max: 10 });
    down.add('event store', () => store.close());
    await store.migrate();
    // risk-guard first: it writes the trading state to KV hoga-risk, which the executor checks
    const riskBus = await bus('risk-guard');
    down.add('risk-guard bus', () => riskBus.close());
    const risk = await startRiskGuard({
      env,
      bus: riskBus,
      store,
      databaseUrl: infra.databaseUrl,
      logger: log.for('risk-guard'),
    });
    down.add('risk-guard', () => risk.service.stop());
    const feedBus = await bus('market-feed');
    down.add('market-feed bus', () => feedBus.close());
    const feed = await startMarketFeed({
      bus: feedBus,
      logger: log.for('market-feed'),
      config: loadMarketFeedConfig({
        env,
        overrides: {
          marketFeed: {
            source: 'upbit',
            markets,
            upbit: { wsUrl: emulator.wsUrl, restUrl: emulator.url },
          },
          nats: { url: infra.natsUrl ?? 'nats://in-process', namespace: '' },
        },
      }),
    });
    down.add('market-feed', () => feed.stop());
    const executorBus = await bus('order-executor');
    down.add('order-executor bus', () => executorBus.close());
    const executor = await startOrderExecutor({
      env,
      bus: executorBus,
      database: { connectionString: infra.databaseUrl, max: 5 },
      logger: log.for('order-executor'),
      config: {
        database: { url: infra.databaseUrl },
        nats: { url: infra.natsUrl ?? 'nats://in-process', namespace: '' },
        upbit: { baseUrl: emulator.url, wsUrl: emulator.privateWsUrl, ...exchange.keys },
      },
    });
    down.add('order-executor', () => executor.stop());
    const actorBus = await bus('position-actor');
    down.add('position-actor bus', () => actorBus.close());
    const actor = await startPositionActor({
      bus: actorBus,
      store,
      logger: log.for('position-actor'),
    });
    down.add('position-actor', () => actor.stop());
    const viewBus = await bus('all-in-one');
    down.add('live view bus', () => viewBus.close());
    const started = new Date();
    const runtime = runtimeFileOf(
      { natsUrl: infra.natsUrl, databaseUrl: infra.databaseUrl, ports: infra.ports, emulator },
      process.pid,
      started,
    );
    writeRuntimeFile(home.runtime, runtime);
    down.add('runtime file', () => removeRuntimeFile(home.runtime));
    const view = await startLiveView(viewBus, [
      'hoga all-in-one: launching the demo strategies...',
    ]);
    down.add('live view', () => view.stop());
    const launched = await launchDemoStrategies(viewBus, demos);
    const banner = [
      `hoga all-in-one — home ${home.root} (pid ${process.pid})`,
      `  database   ${infra.databaseNote}${infra.ports.postgres !== null ? `, port ${infra.ports.postgres}` : ''}`,
      `  bus        ${infra.natsUrl ?? ''} ${infra.natsNote}`,
      `  exchange   Upbit emulator ${emulator.url} (simulated prices; ${exchange.restored ? 'balances and prices restored' : 'fresh account, 10,000,000 KRW'})`,
      `  services   risk-guard, market-feed, order-executor, position-actor (rehydrated ${actor.rehydrated});` +
        ' dashboard-gateway is not built yet (Stage 6)',
      `  risk       ${risk.banner}`,
      `  demos      ${launched.map((l) => `${l.file}: ${l.outcome}${l.outcome === 'failed' ? ` (${l.error})` : ''}`).join(', ')}`,
      `  runtime    ${home.runtime}; logs ${log.path}`,
    ];
    view.setBanner(banner);
    if (process.stdout.isTTY !== true)
      process.stdout.write(`${banner.join('\n')}\nengine started\n`);
    logger.info('engine started', { rehydrated: actor.rehydrated, launched });
  } catch (error) {
    await down.run(onError);
    throw error;
  }
  return { stop: () => down.run(onError) };
}
