import { redactUrl } from '../database-location.js';
import type { RuntimeFile } from '../runtime-file.js';

/** The runtime file's URLs, for people (`text`) and scripts (`json`); no password in either. */
export function renderEngineUrls(
  path: string,
  runtime: RuntimeFile,
): { text: string[]; json: Record<string, unknown> } {
  const metrics = runtime.metricsUrl;
  const health = metrics === undefined ? undefined : metrics.replace(/\/metrics$/, '/health/ready');
  const json = {
    runtimeFile: path,
    pid: runtime.pid ?? null,
    startedAt: runtime.startedAt ?? null,
    natsUrl: runtime.natsUrl,
    namespace: runtime.namespace,
    dashboardUrl: runtime.dashboardUrl ?? null,
    metricsUrl: metrics ?? null,
    healthUrl: health ?? null,
    databaseUrl: redactUrl(runtime.databaseUrl),
  };
  const started = [
    ...(runtime.pid === undefined ? [] : [`pid ${String(runtime.pid)}`]),
    ...(runtime.startedAt === undefined ? [] : [`since ${runtime.startedAt}`]),
  ];
  const row = (name: string, value: string) => `${name.padEnd(10)} ${value}`;
  const text = [
    row('engine', [path, ...started].join(' ')),
    row('nats', runtime.natsUrl ?? 'in-process bus (not reachable from outside the engine)'),
    row('dashboard', runtime.dashboardUrl ?? 'not served'),
    row('metrics', metrics ?? 'not served (an engine older than metrics)'),
    ...(health === undefined ? [] : [row('health', health)]),
    row('database', redactUrl(runtime.databaseUrl)),
  ];
  return { text, json };
}
