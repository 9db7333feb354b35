#!/usr/bin/env node
// Builds the web app with Vite unless dist/app is newer than every source file and the installed
// dependencies (npm start, tests). A failed build removes dist/app, so a half-written or broken
// build is never taken for an up-to-date one.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'dist/app');
const built = join(out, 'index.html');
const sources = [
  'src',
  'index.html',
  'vite.config.mjs',
  'package.json',
  '../../../libs/model/dist',
  '../../../package-lock.json',
  '../../../node_modules/.package-lock.json',
];

const newest = (path) => {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
};

const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
if (builtAt > 0 && sources.every((s) => newest(join(here, s)) < builtAt)) process.exit(0);
console.log('[web] building the dashboard (vite build)');
const vite = join(here, 'node_modules/.bin/vite');
const bin = existsSync(vite) ? vite : join(here, '../../../node_modules/.bin/vite');
const r = spawnSync(bin, ['build', '--logLevel', 'warn'], { cwd: here, stdio: 'inherit' });
if (r.status !== 0) {
  rmSync(out, { recursive: true, force: true });
  console.error('[web] vite build failed: dist/app removed');
}
process.exit(r.status ?? 1);
