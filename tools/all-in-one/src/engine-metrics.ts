import * as t from 'io-ts';
import { loadConfig } from '@hoga/config';
import {
  METRICS_DEFAULTS,
  MetricsSettings,
  startProcessMetrics,
  type ProcessMetrics,
} from '@hoga/telemetry';
import { PREFERRED_PORTS, portToListen, type PortChoice } from './ports.js';

const EngineMetricsConfig = t.strict({ metrics: MetricsSettings });

/**
 * The engine's one `/metrics` + `/health/*` listener, shared by all five services (ADR 0056):
 * `HOGA_METRICS__*` as for a service; without `HOGA_METRICS__PORT` it takes 9464 when free
 * (`HOGA_PORTS=any`: a port the system chooses). Throws a `ConfigError` naming a bad variable.
 */
export async function startEngineMetrics(
  env: NodeJS.ProcessEnv,
  ports: PortChoice,
): Promise<ProcessMetrics> {
  const { metrics } = loadConfig(EngineMetricsConfig, {
    defaults: { metrics: METRICS_DEFAULTS },
    env,
  });
  const port =
    (env['HOGA_METRICS__PORT'] ?? '').trim() !== ''
      ? metrics.port
      : await portToListen(ports, PREFERRED_PORTS.metrics, metrics.host);
  return startProcessMetrics({ service: 'hoga', settings: { ...metrics, port } });
}
