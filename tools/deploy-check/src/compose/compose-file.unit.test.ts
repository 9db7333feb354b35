import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { OPS, type OpsService } from '@hoga/contracts';
import { deployPath } from '../deploy-paths.js';
import { passwordVariable } from '../nats/users-conf.js';
import { field, isRecord, readYaml } from '../yaml-files.js';
import { composeErrors } from './compose-schema.js';

const COMPOSE = deployPath('compose', 'compose.yaml');
const SERVICES = Object.keys(OPS) as OpsService[];
const strings = (u: unknown): string[] => (Array.isArray(u) ? u.map(String) : []);

describe('deploy/compose/compose.yaml', () => {
  const doc = readYaml(COMPOSE);
  const services = field(doc, 'services');
  const service = (name: string) => field(services, name);

  it('is valid against the compose-spec schema', () => {
    assert.deepEqual(composeErrors(doc), []);
  });

  it('would be refused with a misspelt key (the schema check can fail)', () => {
    const broken = structuredClone(doc) as Record<string, Record<string, Record<string, unknown>>>;
    const feed = broken['services']?.['market-feed'];
    assert.ok(feed);
    feed['helthcheck'] = {};
    assert.match(JSON.stringify(composeErrors(broken)), /helthcheck/);
  });

  it('runs the five services from the one image, each chosen by its command', () => {
    for (const name of SERVICES) {
      assert.deepEqual(strings(field(service(name), 'command')), [name]);
      assert.equal(
        field(service(name), 'build', 'dockerfile'),
        'deploy/Dockerfile',
        `${name} builds deploy/Dockerfile`,
      );
    }
  });

  it('connects each service as its own NATS user, the password from the env file (required)', () => {
    for (const name of SERVICES) {
      const url = String(field(service(name), 'environment', 'HOGA_NATS__URL'));
      assert.match(
        url,
        new RegExp(`^nats://${name}:\\$\\{${passwordVariable(name)}:\\?[^}]+\\}@nats:4222$`),
      );
    }
    const example = readFileSync(deployPath('compose', 'secrets.example', 'nats.env'), 'utf8');
    for (const name of [...SERVICES, 'operator' as const])
      assert.match(example, new RegExp(`^${passwordVariable(name)}=$`, 'm'));
  });

  it('runs several position-actor replicas and one order-executor', () => {
    assert.ok(Number(field(service('position-actor'), 'deploy', 'replicas')) > 1);
    assert.equal(field(service('order-executor'), 'deploy'), undefined);
  });

  it('commits no secret: every env file is a blank example, and no literal password is set', () => {
    for (const [name, s] of Object.entries(services as Record<string, unknown>)) {
      for (const file of strings(field(s, 'env_file'))) {
        assert.match(file, /^\.\/secrets\//, `${name} reads ${file} from secrets/`);
        const example = resolve(dirname(COMPOSE), file.replace('./secrets/', './secrets.example/'));
        assert.ok(existsSync(example), `${example} exists`);
        for (const line of readFileSync(example, 'utf8').split('\n'))
          assert.ok(
            line === '' || line.startsWith('#') || /^[A-Z0-9_]+=$/.test(line),
            `${example}: ${line}`,
          );
      }
      const env = field(s, 'environment');
      if (!isRecord(env)) continue;
      for (const [key, value] of Object.entries(env))
        if (/PASSWORD|SECRET|TOKEN|KEY/.test(key))
          assert.match(String(value), /^\/run\/secrets\/|\$\{/, key);
    }
    assert.match(readFileSync(deployPath('compose', '.gitignore'), 'utf8'), /^secrets\/$/m);
  });

  it('mounts only files and folders that exist', () => {
    for (const [name, s] of Object.entries(services as Record<string, unknown>))
      for (const volume of strings(field(s, 'volumes'))) {
        const source = volume.split(':')[0] ?? '';
        if (!source.startsWith('.')) continue; // a named volume
        assert.ok(existsSync(resolve(dirname(COMPOSE), source)), `${name}: ${source}`);
      }
  });
});
