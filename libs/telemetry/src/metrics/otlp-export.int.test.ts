import { equal, ok } from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eventually } from '@hoga/testkit';
import { Label, Metrics } from './catalog.js';
import { counterOf } from './instruments.js';
import { METRICS_DEFAULTS } from './metrics.settings.js';
import { startProcessMetrics } from './process-metrics.js';

/** The parts of an OTLP/JSON `ExportMetricsServiceRequest` read here. */
interface ExportRequest {
  resourceMetrics: {
    resource: { attributes: { key: string; value: { stringValue?: string } }[] };
    scopeMetrics: {
      metrics: {
        name: string;
        unit: string;
        sum?: {
          dataPoints: {
            asInt?: string | number;
            asDouble?: number;
            attributes: { key: string; value: { stringValue?: string } }[];
          }[];
        };
      }[];
    }[];
  }[];
}

describe('OTLP/HTTP export of the metrics, when configured', () => {
  let server: Server;
  const bodies: { path: string; type: string; body: ExportRequest }[] = [];
  before(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (text += c));
      req.on('end', () => {
        bodies.push({
          path: req.url ?? '',
          type: req.headers['content-type'] ?? '',
          body: JSON.parse(text) as ExportRequest,
        });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('pushes every metric with its unit, labels and service.name to the OTLP URL', async () => {
    const { port } = server.address() as AddressInfo;
    const metrics = await startProcessMetrics({
      service: 'market-feed',
      settings: {
        ...METRICS_DEFAULTS,
        otlpUrl: `http://127.0.0.1:${port}/v1/metrics`,
        otlpIntervalMs: 1000,
      },
    });
    try {
      counterOf(metrics.meter, Metrics.ticks).add(3, { [Label.market]: 'KRW-BTC' });
      const ticks = await eventually(() => {
        const found = bodies
          .flatMap((b) => b.body.resourceMetrics)
          .flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics.map((m) => ({ r, m }))))
          .find(({ m }) => m.name === Metrics.ticks.name);
        ok(found, 'the tick counter was exported');
        return found;
      });
      equal(bodies[0]?.path, '/v1/metrics');
      ok(bodies[0]?.type.startsWith('application/json'));
      equal(ticks.m.unit, '{tick}');
      const point = ticks.m.sum?.dataPoints[0];
      equal(Number(point?.asInt ?? point?.asDouble), 3);
      equal(point?.attributes.find((a) => a.key === Label.market)?.value.stringValue, 'KRW-BTC');
      equal(
        ticks.r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue,
        'market-feed',
      );
    } finally {
      await metrics.stop();
    }
  });
});
