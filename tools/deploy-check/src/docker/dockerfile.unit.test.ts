import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { OPS } from '@hoga/contracts';
import { deployPath, repoRoot } from '../deploy-paths.js';

const SERVICES = Object.keys(OPS);
const dockerfile = readFileSync(deployPath('Dockerfile'), 'utf8');
/** The instructions of the Dockerfile, continuation lines joined, comments dropped. */
const instructions = dockerfile
  .replace(/\\\n/g, ' ')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const stages = instructions.reduce<string[][]>((acc, l) => {
  if (/^FROM\s/i.test(l)) acc.push([]);
  acc.at(-1)?.push(l);
  return acc;
}, []);
const runtime = stages.at(-1) ?? [];

describe('deploy/Dockerfile: one image for every service', () => {
  it('is multi-stage: builds in one stage, runs from another', () => {
    assert.ok(stages.length >= 2);
    assert.ok(stages[0]?.some((l) => /npm run build/.test(l)));
  });

  it('installs production dependencies only in the runtime stage, and runs as a non-root user', () => {
    assert.ok(runtime.some((l) => /^RUN npm ci\b.*--omit=dev/.test(l)));
    const user = runtime.filter((l) => /^USER\s/.test(l)).at(-1);
    assert.ok(user !== undefined && !/\broot\b|\s0$/.test(user), user);
    assert.ok(runtime.indexOf(user) > runtime.findIndex((l) => /^RUN npm ci/.test(l)));
  });

  it('chooses the service by its command, and every service it names exists', () => {
    assert.ok(runtime.some((l) => /^ENTRYPOINT \["\/usr\/local\/bin\/hoga-service"\]/.test(l)));
    const entry = deployPath('docker-entrypoint.sh');
    assert.equal(spawnSync('sh', ['-n', entry]).status, 0);
    for (const s of SERVICES) {
      assert.match(readFileSync(entry, 'utf8'), new RegExp(`\\b${s}\\b`));
      assert.ok(existsSync(`${repoRoot}/services/${s}/package.json`), s);
    }
    assert.equal(spawnSync('sh', [entry, 'help']).status, 0);
    const unknown = spawnSync('sh', [entry, 'no-such-service'], { encoding: 'utf8' });
    assert.equal(unknown.status, 64);
    assert.match(unknown.stderr, /unknown service: no-such-service/);
  });

  it('keeps secrets and local state out of the build context', () => {
    const ignore = readFileSync(`${repoRoot}/.dockerignore`, 'utf8');
    for (const p of ['deploy/compose/secrets', '.hoga', '**/node_modules'])
      assert.match(ignore, new RegExp(`^${p.replace(/[.*]/g, '\\$&')}$`, 'm'));
  });
});
