#!/usr/bin/env node
import { runCli } from './cli.js';
import { readSecret } from './read-secret.js';
import { terminalProgress } from './audit-progress.js';

const progress = terminalProgress(process.stderr);

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readSecret: (prompt) => readSecret(process.stdin, process.stderr, prompt),
  ...(progress === undefined ? {} : { progress }),
});
