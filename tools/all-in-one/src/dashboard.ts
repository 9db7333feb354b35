import { hostname, userInfo } from 'node:os';
import { configSources } from '@hoga/config';
import {
  loadGatewayConfig,
  start,
  type GatewayConnections,
  type GatewayService,
} from '@hoga/dashboard-gateway';
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
  /** What the engine decides on top of the gateway's own config (database and NATS URLs). */
  readonly config: object;
  /** The engine's bus, store, logger and its one `/health/ready` (where the gateway registers). */
  readonly connections: GatewayConnections;
  readonly operator: string;
}): Promise<EngineDashboard> {
  const { env } = deps;
  const configured = loadGatewayConfig(
    configSources({ env, config: deps.config }),
  ).dashboardGateway;
  const port =
    env['HOGA_DASHBOARD_GATEWAY__PORT'] !== undefined
      ? configured.port
      : await portToListen(portChoiceOf(env), PREFERRED_PORTS.dashboard, configured.host);
  const service = await start({
    env,
    config: { ...deps.config, dashboardGateway: { port } },
    connections: deps.connections,
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
