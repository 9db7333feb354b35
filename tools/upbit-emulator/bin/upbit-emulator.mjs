#!/usr/bin/env node
// The `upbit-emulator` command as npm links it (`npx upbit-emulator` from the repository root).
// It is a source file, not the build output, because npm links a workspace's bin at install
// time, before `tsc -b` has written dist/ — and silently skips a bin whose file does not exist
// yet (the same fix as tools/cli/bin/hoga.mjs).
import { existsSync } from 'node:fs';

const main = new URL('../dist/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write(
    'upbit-emulator: the emulator is not built yet: run `npm run build` (or `npm run emulator -- …`, which builds it) in the repository root.\n',
  );
  process.exitCode = 2;
} else {
  await import(main.href);
}
