import { hostname, userInfo } from 'node:os';
import type { Bus } from '@hoga/bus';
import { loadGatewayConfig, start, type GatewayService } from '@hoga/dashboard-gateway';
import type { EventStore } from '@hoga/event-store';
import type { Logger, ServiceMetrics } from '@hoga/telemetry';
import { PREFERRED_PORTS, portChoiceOf, portToListen } from './ports.js';

/** Who the engine's own login link is for: `dashboard:<os user>@<hostname>` (the commands' issuer). */
export function operatorOf(env: NodeJS.ProcessEnv): string {
  let user: string;
  try {
    user = userInfo().username;
  } catch {
    user = env['USER'] ?? 'operator';
  }
  return `dashboard:${user}@${hostname()}`.slice(0, 128);
}

/** The dashboard in the engine: the gateway, and the banner lines that say where it is. */
export interface EngineDashboard {
  readonly service: GatewayService;
  /** `http://127.0.0.1:8790/`. */
  readonly url: string;
  readonly banner: readonly string[];
}

/**
 * Starts dashboard-gateway on the engine's bus and store, configured like the service
 * (`HOGA_DASHBOARD_GATEWAY__*`: host, port, sessions, users ...). The port is 8790 unless taken
 * or configured (or `HOGA_PORTS=any`: the system's choice); the banner carries a one-time login link for the operator who started the
 * engine (`npm run hoga -- dashboard url` prints a fresh one).
 */
export async function startDashboard(deps: {
  readonly env: NodeJS.ProcessEnv;
  readonly bus: Bus;
  readonly store: EventStore;
  readonly databaseUrl: string;
  readonly natsUrl: string | null;
  readonly logger: Logger;
  readonly operator: string;
  /** The engine's one `/health/ready`, where the gateway registers its check. */
  readonly metrics: ServiceMetrics;
}): Promise<EngineDashboard> {
  const configured = loadGatewayConfig({
    env: deps.env,
    overrides: {
      database: { url: deps.databaseUrl },
      nats: { url: deps.natsUrl ?? 'nats://in-process', namespace: '' },
    },
  }).dashboardGateway;
  const port =
    deps.env['HOGA_DASHBOARD_GATEWAY__PORT'] !== undefined
      ? configured.port
      : await portToListen(portChoiceOf(deps.env), PREFERRED_PORTS.dashboard, configured.host);
  const service = await start({
    bus: deps.bus,
    store: deps.store,
    logger: deps.logger,
    database: { connectionString: deps.databaseUrl, max: 4 },
    settings: { ...configured, port },
    metrics: deps.metrics,
  });
  const link = service.context.loginCodes.issue(deps.operator, 'operator');
  const minutes = Math.round(configured.loginCodeTtlMs / 60_000);
  return {
    service,
    url: service.url,
    banner: [
      `  dashboard  ${service.url}`,
      `  login      ${service.context.origin()}/login?code=${link.code} (one use, ${String(minutes)} min; a new one: npm run hoga -- dashboard url)`,
    ],
  };
}
