#!/usr/bin/env node
import { runCli } from './cli.js';
import { readSecret } from './read-secret.js';

process.exitCode = await runCli(process.argv.slice(2), {
  env: process.env,
  cwd: process.cwd(),
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readSecret: (prompt) => readSecret(process.stdin, process.stderr, prompt),
  ...(process.stderr.isTTY
    ? {
        progress: (text: string | null) =>
          process.stderr.write(text === null ? '\r\x1b[2K' : `\r\x1b[2K${text}`),
      }
    : {}),
});
