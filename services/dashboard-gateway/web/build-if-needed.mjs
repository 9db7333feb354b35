#!/usr/bin/env node
// Builds the web app with Vite unless dist/app is newer than every source file (npm start, tests).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const built = join(here, 'dist/app/index.html');
const sources = [
  'src',
  'index.html',
  'vite.config.mjs',
  'package.json',
  '../../../libs/model/dist',
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
process.exit(r.status ?? 1);
