import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { deployPath } from '../deploy-paths.js';
import { field, readYaml } from '../yaml-files.js';
import { composeErrors } from './compose-schema.js';

const LOCAL = deployPath('compose', 'local-observability.yaml');
const strings = (u: unknown): string[] => (Array.isArray(u) ? u.map(String) : []);

describe('deploy/compose/local-observability.yaml (Grafana and traces for an npm start)', () => {
  const doc = readYaml(LOCAL);
  const services = field(doc, 'services') as Record<string, unknown>;

  it('is valid against the compose-spec schema', () => {
    assert.deepEqual(composeErrors(doc), []);
  });

  it('runs only Prometheus, Tempo, Alloy and Grafana: the engine is the host’s npm start', () => {
    assert.deepEqual(Object.keys(services).sort(), ['alloy', 'grafana', 'prometheus', 'tempo']);
  });

  it('mounts only files and folders that exist', () => {
    for (const [name, s] of Object.entries(services))
      for (const volume of strings(field(s, 'volumes'))) {
        const source = volume.split(':')[0] ?? '';
        if (!source.startsWith('.')) continue; // a named volume
        assert.ok(existsSync(resolve(dirname(LOCAL), source)), `${name}: ${source}`);
      }
  });

  it('Prometheus scrapes the all-in-one’s /metrics on the host as job "hoga"', () => {
    const prometheus = services['prometheus'];
    assert.deepEqual(strings(field(prometheus, 'extra_hosts')), [
      'host.docker.internal:host-gateway',
    ]);
    assert.ok(
      strings(field(prometheus, 'volumes')).includes(
        '../prometheus/local-prometheus.yml:/etc/prometheus/prometheus.yml:ro',
      ),
    );
    const config = readYaml(deployPath('prometheus', 'local-prometheus.yml'));
    const jobs = field(config, 'scrape_configs') as {
      job_name: string;
      metrics_path?: string;
      static_configs?: { targets: string[]; labels?: Record<string, string> }[];
    }[];
    const hoga = jobs.find((j) => j.job_name === 'hoga');
    assert.ok(hoga, 'a job "hoga" (the dashboard counts up{job="hoga"})');
    assert.equal(hoga.metrics_path, '/metrics');
    assert.deepEqual(hoga.static_configs?.[0]?.targets, ['host.docker.internal:9464']);
    assert.equal(hoga.static_configs?.[0]?.labels?.['service'], 'hoga');
  });

  it('takes OTLP/HTTP on 127.0.0.1:4318 (Alloy) and hands traces to Tempo', () => {
    assert.ok(strings(field(services['alloy'], 'ports')).includes('127.0.0.1:4318:4318'));
    const alloy = readFileSync(deployPath('alloy', 'local.alloy'), 'utf8');
    assert.match(
      alloy,
      /otelcol\.receiver\.otlp "engine" \{\s*http \{\s*endpoint = "0\.0\.0\.0:4318"/,
    );
    assert.match(alloy, /traces = \[otelcol\.exporter\.otlp\.tempo\.input\]/);
    assert.match(alloy, /endpoint = "tempo:4317"/);
    const tempo = readYaml(deployPath('tempo', 'tempo.yaml'));
    assert.equal(
      field(tempo, 'distributor', 'receivers', 'otlp', 'protocols', 'grpc', 'endpoint'),
      '0.0.0.0:4317',
    );
  });

  it('Grafana provisions the "hoga engine" dashboard with the data source uids it names', () => {
    const volumes = strings(field(services['grafana'], 'volumes'));
    assert.ok(volumes.includes('../grafana/dashboards:/var/lib/grafana/dashboards:ro'));
    assert.ok(
      volumes.includes(
        '../grafana/provisioning/dashboards:/etc/grafana/provisioning/dashboards:ro',
      ),
    );
    const provider = readYaml(deployPath('grafana', 'provisioning', 'dashboards', 'hoga.yaml'));
    assert.equal(
      (field(provider, 'providers') as { options: { path: string } }[])[0]?.options.path,
      '/var/lib/grafana/dashboards',
    );
    const sources = field(
      readYaml(deployPath('grafana', 'local', 'datasources.yaml')),
      'datasources',
    );
    const uids = new Map(
      (sources as { uid: string; url: string }[]).map((s) => [s.uid, s.url] as const),
    );
    assert.equal(uids.get('prometheus'), 'http://prometheus:9090');
    assert.equal(uids.get('tempo'), 'http://tempo:3200');
    const dashboard = readFileSync(deployPath('grafana', 'dashboards', 'hoga-engine.json'), 'utf8');
    const named = [...dashboard.matchAll(/"datasource": \{\s*"type": "\w+",\s*"uid": "([^"]+)"/g)];
    assert.ok(named.length > 20);
    for (const [, uid] of named) assert.ok(uids.has(uid ?? ''), `data source uid ${uid}`);
  });

  it('publishes every port on loopback only', () => {
    for (const [name, s] of Object.entries(services))
      for (const port of strings(field(s, 'ports')))
        assert.match(port, /^127\.0\.0\.1:/, `${name}: ${port}`);
  });
});
