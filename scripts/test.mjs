#!/usr/bin/env node
// Runs mocha over the compiled tests of the given tiers (unit, int, e2e; default all).
// Tests need real PostgreSQL and NATS: DATABASE_URL / NATS_URL when set; else testcontainers
// when a Docker engine answers; else the loopback services (127.0.0.1:5432 db `test`,
// 127.0.0.1:4222), brought up by scripts/test-services.sh when down (`locateTestServices`).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tiers = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const extra = process.argv.slice(2).filter((a) => a.startsWith('-'));
const chosen = tiers.length ? tiers : ['unit', 'int', 'e2e'];
const needsServices = chosen.some((t) => t !== 'unit');

// The one discovery of PostgreSQL and NATS (libs/testkit, built by `tsc -b` before this runs),
// shared with `npm run bench`.
const env = { ...process.env };
if (needsServices) {
  const testkit = pathToFileURL(join(root, 'libs/testkit/dist/infrastructure.js')).href;
  const { locateTestServices } = await import(testkit);
  let services;
  try {
    services = await locateTestServices(env, { bringUp: true });
  } catch (error) {
    console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
  env.DATABASE_URL = services.databaseUrl;
  env.NATS_URL = services.natsUrl;
  console.log(
    `[test] DATABASE_URL=${env.DATABASE_URL.replace(/:[^:@/]*@/, ':***@')} NATS_URL=${env.NATS_URL} (${services.source})`,
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
