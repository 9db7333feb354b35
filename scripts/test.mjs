#!/usr/bin/env node
// Runs mocha over the compiled tests of the given tiers (unit, int, e2e; default all).
// Tests need real PostgreSQL and NATS: DATABASE_URL / NATS_URL when set; else testcontainers
// when a Docker engine answers (the test kit starts them); else the loopback services
// (127.0.0.1:5432 db `test`, 127.0.0.1:4222), brought up by scripts/test-services.sh when down.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tiers = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const extra = process.argv.slice(2).filter((a) => a.startsWith('-'));
const chosen = tiers.length ? tiers : ['unit', 'int', 'e2e'];
const needsServices = chosen.some((t) => t !== 'unit');

const portOpen = (port) =>
  new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.setTimeout(1000, () => (s.destroy(), resolve(false)));
    s.once('connect', () => (s.end(), resolve(true)));
    s.once('error', () => resolve(false));
  });

const dockerSocket = () => existsSync('/var/run/docker.sock') || Boolean(process.env.DOCKER_HOST);

const env = { ...process.env };
if (needsServices && !(env.DATABASE_URL && env.NATS_URL) && !dockerSocket()) {
  if (!((await portOpen(5432)) && (await portOpen(4222)))) {
    console.log(
      '[test] PostgreSQL or NATS is not up on loopback: running scripts/test-services.sh',
    );
    const r = spawnSync('bash', [join(root, 'scripts/test-services.sh')], { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(
        '[test] could not bring up PostgreSQL and NATS; set DATABASE_URL and NATS_URL, or start a Docker engine.',
      );
      process.exit(1);
    }
  }
  env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/test';
  env.NATS_URL ??= 'nats://127.0.0.1:4222';
  console.log(
    `[test] DATABASE_URL=${env.DATABASE_URL.replace(/:[^:@/]*@/, ':***@')} NATS_URL=${env.NATS_URL}`,
  );
}

const globs = chosen.map((t) => `{libs,services,tools}/*/dist/**/*.${t}.test.js`);
const mocha = join(root, 'node_modules/mocha/bin/mocha.js');
const r = spawnSync(process.execPath, [mocha, '--config', '.mocharc.json', ...extra, ...globs], {
  cwd: root,
  env,
  stdio: 'inherit',
});
// The web page's logic (services/dashboard-gateway/web/test, built by `tsc -b` into
// web/dist/unit) runs in its own mocha process with Solid's browser build (ADR 0047).
let web = { status: 0 };
if (chosen.includes('unit')) {
  console.log("[test] the web page's unit tests (Solid's browser build)");
  web = spawnSync(
    process.execPath,
    [
      mocha,
      '--config',
      '.mocharc.json',
      '--node-option',
      'conditions=browser',
      ...extra,
      'services/dashboard-gateway/web/dist/unit/test/**/*.unit.test.js',
    ],
    { cwd: root, env, stdio: 'inherit' },
  );
}
process.exit(r.status !== 0 ? (r.status ?? 1) : (web.status ?? 1));
