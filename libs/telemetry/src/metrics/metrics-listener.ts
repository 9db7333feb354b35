import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthChecks } from './health.js';

/** Largest request head the listener reads; larger answers 431. */
export const MAX_HEADER_BYTES = 8 * 1024;

/** The paths the listener serves, for probes and scrapers. */
export const MetricsPaths = {
  metrics: '/metrics',
  live: '/health/live',
  ready: '/health/ready',
} as const;

export interface MetricsListenerOptions {
  readonly host: string;
  readonly port: number;
  readonly health: HealthChecks;
  /** Writes the Prometheus text of the current metrics. */
  readonly scrape: (request: IncomingMessage, response: ServerResponse) => void;
}

/** A running listener: its base URL and how to close it. */
export interface MetricsListener {
  /** `http://host:port`, the port as bound (a chosen one when configured 0). */
  readonly url: string;
  readonly metricsUrl: string;
  close(): Promise<void>;
}

/** The listener could not bind (port in use, no such interface); names the address, not secrets. */
export class MetricsListenError extends Error {
  override readonly name = 'MetricsListenError';
  constructor(
    readonly address: string,
    options: { cause: unknown },
  ) {
    const code = (options.cause as { code?: unknown } | null)?.code;
    super(
      `metrics listener cannot listen on ${address}${typeof code === 'string' ? ` (${code})` : ''}: ` +
        'choose another HOGA_METRICS__PORT / HOGA_METRICS__HOST (0 lets the system choose a port)',
      options,
    );
  }
}

export const isMetricsListenError = (e: unknown): e is MetricsListenError =>
  e instanceof MetricsListenError;

function sendJson(response: ServerResponse, status: number, body: unknown, extra = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...extra,
  });
  response.end(text);
}

async function route(
  options: MetricsListenerOptions,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const path = (request.url ?? '').split('?')[0];
  const known = Object.values(MetricsPaths) as string[];
  if (path === undefined || !known.includes(path))
    return sendJson(response, 404, {
      error: 'not-found',
      message: `no such path; this listener serves ${known.join(', ')}`,
    });
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return sendJson(
      response,
      405,
      { error: 'method-not-allowed', message: `${path} answers GET and HEAD only` },
      { allow: 'GET, HEAD' },
    );
  if (path === MetricsPaths.metrics) return options.scrape(request, response);
  if (path === MetricsPaths.live) return sendJson(response, 200, { status: 'live' });
  const readiness = await options.health.readiness();
  sendJson(response, readiness.ready ? 200 : 503, {
    status: readiness.ready ? 'ready' : 'not-ready',
    checks: readiness.checks,
  });
}

/**
 * Starts the one small HTTP listener of a process: `/metrics` (Prometheus text), `/health/live`
 * (the process answers) and `/health/ready` (its connections and consumers are up). Anything
 * else answers 404/405 with a JSON error; an oversized request head answers 431.
 */
export async function startMetricsListener(
  options: MetricsListenerOptions,
): Promise<MetricsListener> {
  const server: Server = createServer({ maxHeaderSize: MAX_HEADER_BYTES }, (request, response) => {
    route(options, request, response).catch(() => {
      if (!response.headersSent) sendJson(response, 500, { error: 'internal' });
      else response.destroy();
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(new MetricsListenError(`${options.host}:${options.port}`, { cause })),
    );
    server.listen(options.port, options.host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  const url = `http://${host}:${port}`;
  return {
    url,
    metricsUrl: `${url}${MetricsPaths.metrics}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
