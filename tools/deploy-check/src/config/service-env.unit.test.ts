import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { OPS, type OpsService } from '@hoga/contracts';
import { deployPath } from '../deploy-paths.js';
import { generatedConfigMap, loadKustomization } from '../k8s/kustomization.js';
import { field, isRecord, readYaml } from '../yaml-files.js';
import { tracingConfigFromEnv } from '@hoga/telemetry';
import { ignoredVariables, LOADERS } from './service-config.js';

const SERVICES = Object.keys(OPS) as OpsService[];
/** A value for a secret the files only name (the checks need a well-formed one). */
const DUMMY: Record<string, string> = {
  HOGA_DATABASE__URL: 'postgres://hoga:h0secret@db:5432/hoga',
  HOGA_NOTIFY__TELEGRAM__CHAT_IDS: '12345',
};
const dummy = (name: string) => DUMMY[name] ?? 'h0secret';

/** `KEY=` and `# KEY=` lines of a secrets example: the variables the real file will hold. */
function exampleVariables(file: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^#?\s*([A-Z][A-Z0-9_]*)=$/.exec(line.trim());
    if (m?.[1] !== undefined) env[m[1]] = dummy(m[1]);
  }
  return env;
}

/** Compose's interpolation: `${VAR:-default}` is the default, `${VAR:?msg}` a well-formed secret. */
const interpolate = (value: string) =>
  value.replace(
    /\$\{([A-Z0-9_]+)(?::-([^}]*)|:\?[^}]*)?\}/g,
    (_, name: string, def?: string) => def ?? dummy(name),
  );

function composeEnv(service: OpsService): NodeJS.ProcessEnv {
  const s = field(readYaml(deployPath('compose', 'compose.yaml')), 'services', service);
  const env: NodeJS.ProcessEnv = {};
  const files = field(s, 'env_file');
  for (const f of Array.isArray(files) ? files.map(String) : [])
    Object.assign(
      env,
      exampleVariables(deployPath('compose', f.replace('./secrets/', 'secrets.example/'))),
    );
  const environment = field(s, 'environment');
  if (isRecord(environment))
    for (const [k, v] of Object.entries(environment)) env[k] = interpolate(String(v));
  return env;
}

/** Keys of the Secrets a container reads whole (`envFrom`), as docs/operations.md creates them. */
const SECRET_KEYS: Record<string, string> = {
  'hoga-upbit': deployPath('compose', 'secrets.example', 'upbit.env'),
  'hoga-notify': deployPath('compose', 'secrets.example', 'notify.env'),
};

function k8sEnv(service: OpsService): NodeJS.ProcessEnv {
  const { kustomization, objects } = loadKustomization();
  const config = generatedConfigMap(kustomization, 'hoga-config');
  const d = objects.find(
    (o) => o.object['kind'] === 'Deployment' && field(o.object, 'metadata', 'name') === service,
  );
  assert.ok(d);
  const [c] = field(d.object, 'spec', 'template', 'spec', 'containers') as {
    env?: {
      name: string;
      value?: string;
      valueFrom?: { configMapKeyRef?: { key: string }; secretKeyRef?: unknown };
    }[];
    envFrom?: { secretRef?: { name: string } }[];
  }[];
  assert.ok(c);
  const env: NodeJS.ProcessEnv = {};
  for (const f of c.envFrom ?? []) {
    const file = SECRET_KEYS[f.secretRef?.name ?? ''];
    assert.ok(file, `${service} reads Secret ${f.secretRef?.name}`);
    Object.assign(env, exampleVariables(file));
  }
  for (const e of c.env ?? []) {
    const raw =
      e.value ??
      (e.valueFrom?.configMapKeyRef ? config.get(e.valueFrom.configMapKeyRef.key) : dummy(e.name));
    env[e.name] = (raw ?? '').replace(/\$\(([A-Z0-9_]+)\)/g, (_, n: string) => env[n] ?? '');
  }
  return env;
}

describe('deploy/: every HOGA_* variable is one the service reads', () => {
  for (const service of SERVICES) {
    it(`${service}: compose and Kubernetes set only variables its config takes, with valid values`, () => {
      for (const [where, env] of [
        ['compose', composeEnv(service)],
        ['k8s', k8sEnv(service)],
      ] as const) {
        const config = LOADERS[service](env);
        assert.deepEqual(
          ignoredVariables(config, env),
          [],
          `${where}: variables ${service} ignores`,
        );
        assert.equal(field(config, 'metrics', 'port'), 9464, `${where}: metrics port`);
        assert.match(
          tracingConfigFromEnv(env).otlpUrl ?? '',
          /^http:\/\/alloy[.:].*\/v1\/traces$/,
          `${where}: traces`,
        );
        if (service === 'market-feed') assert.equal(env['HOGA_DATABASE__URL'], undefined, where);
        else
          assert.equal(
            field(config, 'database', 'url'),
            where === 'compose'
              ? 'postgres://hoga:h0secret@postgres:5432/hoga'
              : DUMMY['HOGA_DATABASE__URL'],
            `${where}: database`,
          );
        const tracing = Object.keys(env).filter((k) => k.startsWith('HOGA_TRACING__'));
        assert.deepEqual(tracing, ['HOGA_TRACING__OTLP_URL'], `${where}: tracing variables`);
        assert.equal(field(config, 'metrics', 'host'), '0.0.0.0', `${where}: metrics host`);
        assert.equal(
          field(config, 'nats', 'url'),
          `nats://${service}:h0secret@${where === 'compose' ? 'nats:4222' : 'nats.nats.svc.cluster.local:4222'}`,
        );
      }
    });
  }

  it('would catch a misspelt variable (the check can fail)', () => {
    const env = { ...composeEnv('market-feed'), HOGA_MARKET_FEED__MARKET: 'KRW-BTC' };
    assert.deepEqual(ignoredVariables(LOADERS['market-feed'](env), env), [
      'HOGA_MARKET_FEED__MARKET',
    ]);
  });
});
