import { strict as assert } from 'node:assert';
import { OPS, type OpsService } from '@hoga/contracts';
import { MetricsPaths } from '@hoga/telemetry';
import { field } from '../yaml-files.js';
import { kubernetesError } from './k8s-models.js';
import { generatedConfigMap, loadKustomization } from './kustomization.js';

interface Container {
  name: string;
  args?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: {
    name: string;
    value?: string;
    valueFrom?: Record<string, { name: string; key: string }>;
  }[];
  envFrom?: { secretRef?: { name: string } }[];
  livenessProbe?: { httpGet?: { path: string; port: string | number } };
  readinessProbe?: { httpGet?: { path: string; port: string | number } };
}
/**
 * The fields of a Kubernetes Container and Probe (core/v1): kubernetes-models does not refuse
 * unknown fields, so a misspelt probe would be silently ignored by the check (and the cluster).
 */
const CONTAINER_FIELDS = [
  'args',
  'command',
  'env',
  'envFrom',
  'image',
  'imagePullPolicy',
  'lifecycle',
  'livenessProbe',
  'name',
  'ports',
  'readinessProbe',
  'resizePolicy',
  'resources',
  'restartPolicy',
  'securityContext',
  'startupProbe',
  'stdin',
  'stdinOnce',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'tty',
  'volumeDevices',
  'volumeMounts',
  'workingDir',
];
const PROBE_FIELDS = [
  'exec',
  'failureThreshold',
  'grpc',
  'httpGet',
  'initialDelaySeconds',
  'periodSeconds',
  'successThreshold',
  'tcpSocket',
  'terminationGracePeriodSeconds',
  'timeoutSeconds',
];
const SERVICES = Object.keys(OPS) as OpsService[];
/** The Secrets the manifests may reference: created by hand (docs/operations.md), never committed. */
const SECRETS = ['hoga-nats', 'hoga-postgres', 'hoga-upbit', 'hoga-notify'];

describe('deploy/k8s (kustomize)', () => {
  const { kustomization, missing, objects } = loadKustomization();
  const deployment = (name: string) => {
    const d = objects.find(
      (o) => o.object['kind'] === 'Deployment' && field(o.object, 'metadata', 'name') === name,
    );
    assert.ok(d, `a Deployment ${name}`);
    return d.object;
  };
  const container = (name: string) => {
    const c = (field(deployment(name), 'spec', 'template', 'spec', 'containers') as Container[])[0];
    assert.ok(c);
    return c;
  };

  it('resolves every resource of the kustomization', () => {
    assert.deepEqual(missing, []);
    assert.ok(objects.length >= SERVICES.length * 2);
  });

  it('is valid against the Kubernetes schema of each kind', () => {
    for (const { file, object } of objects) assert.equal(kubernetesError(object), null, file);
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'hoga-config' },
      data: Object.fromEntries(generatedConfigMap(kustomization, 'hoga-config')),
    };
    assert.equal(kubernetesError(configMap), null);
  });

  it('would refuse a broken Deployment (the schema check can fail)', () => {
    const broken = structuredClone(deployment('position-actor'));
    (broken['spec'] as Record<string, unknown>)['replicas'] = 'three';
    assert.match(kubernetesError(broken) ?? '', /replicas/);
    const nameless = structuredClone(deployment('market-feed'));
    const c = (
      field(nameless, 'spec', 'template', 'spec', 'containers') as Record<string, unknown>[]
    )[0];
    delete c?.['name'];
    assert.match(kubernetesError(nameless) ?? '', /name/);
  });

  it('uses only fields a Container and a Probe have (no misspelt probe)', () => {
    for (const name of SERVICES) {
      const c = container(name) as unknown as Record<string, Record<string, unknown>>;
      for (const key of Object.keys(c))
        assert.ok(CONTAINER_FIELDS.includes(key), `${name}: ${key}`);
      for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe'])
        for (const key of Object.keys(c[probe] ?? {}))
          assert.ok(PROBE_FIELDS.includes(key), `${name} ${probe}: ${key}`);
    }
  });

  it('runs each service as a Deployment of the one image, chosen by its argument, with a Service', () => {
    for (const name of SERVICES) {
      assert.deepEqual(container(name).args, [name]);
      assert.ok(
        objects.some(
          (o) => o.object['kind'] === 'Service' && field(o.object, 'metadata', 'name') === name,
        ),
      );
    }
  });

  it('probes /health/live and /health/ready on the metrics port of every service', () => {
    for (const name of SERVICES) {
      const c = container(name);
      const ports = (c.ports ?? []).map((p) => p.name);
      assert.equal(c.livenessProbe?.httpGet?.path, MetricsPaths.live, name);
      assert.equal(c.readinessProbe?.httpGet?.path, MetricsPaths.ready, name);
      for (const probe of [c.livenessProbe, c.readinessProbe])
        assert.ok(
          ports.includes(String(probe?.httpGet?.port)),
          `${name} probes a port it declares`,
        );
      assert.equal(c.env?.find((e) => e.name === 'HOGA_METRICS__HOST')?.value, '0.0.0.0');
      const port = Number(c.env?.find((e) => e.name === 'HOGA_METRICS__PORT')?.value);
      assert.equal(c.ports?.find((p) => p.name === 'metrics')?.containerPort, port, name);
    }
  });

  it('runs several position-actor replicas and order-executor, each the same partition count (ADR 0018, 0065)', () => {
    assert.ok(Number(field(deployment('position-actor'), 'spec', 'replicas')) >= 2);
    assert.equal(Number(field(deployment('order-executor'), 'spec', 'replicas')), 1);
    assert.equal(field(deployment('order-executor'), 'spec', 'strategy', 'type'), 'Recreate');
    for (const name of ['position-actor', 'order-executor'] as const) {
      const partitions = container(name).env?.find(
        (e) => e.name === 'HOGA_POSITION_ACTOR__PARTITIONS',
      );
      assert.deepEqual(
        partitions?.valueFrom?.['configMapKeyRef'],
        { name: 'hoga-config', key: 'position-actor-partitions' },
        name,
      );
    }
  });

  it('takes secrets from Secrets only, and every ConfigMap key it reads exists', () => {
    const config = generatedConfigMap(kustomization, 'hoga-config');
    for (const name of SERVICES) {
      const c = container(name);
      for (const e of c.env ?? []) {
        const cm = e.valueFrom?.['configMapKeyRef'];
        if (cm) assert.ok(config.has(cm.key), `${name}: ${cm.key} in hoga-config`);
        const secret = e.valueFrom?.['secretKeyRef'];
        if (secret) assert.ok(SECRETS.includes(secret.name), `${name}: ${secret.name}`);
        if (/PASSWORD|SECRET|TOKEN|KEY/.test(e.name) && e.value !== undefined)
          assert.fail(`${name}: ${e.name} has a literal value`);
      }
      for (const f of c.envFrom ?? []) assert.ok(SECRETS.includes(f.secretRef?.name ?? ''), name);
      const nats = c.env?.find((e) => e.name === 'HOGA_NATS__URL')?.value;
      assert.equal(nats, `nats://${name}:$(NATS_PASSWORD)@$(NATS_ADDRESS)`);
      const password = c.env?.find((e) => e.name === 'NATS_PASSWORD')?.valueFrom?.['secretKeyRef'];
      assert.deepEqual(password, { name: 'hoga-nats', key: name });
    }
  });

  it('selects each Deployment from its Service by the pod labels, on declared ports', () => {
    for (const { object } of objects.filter((o) => o.object['kind'] === 'Service')) {
      const name = String(field(object, 'metadata', 'name'));
      const labels = field(deployment(name), 'spec', 'template', 'metadata', 'labels') as Record<
        string,
        string
      >;
      for (const [k, v] of Object.entries(
        field(object, 'spec', 'selector') as Record<string, string>,
      ))
        assert.equal(labels[k], v, `${name} selector ${k}`);
      const ports = (container(name).ports ?? []).map((p) => p.name);
      for (const p of field(object, 'spec', 'ports') as { targetPort: string }[])
        assert.ok(ports.includes(p.targetPort), `${name} targets ${p.targetPort}`);
    }
  });
});
