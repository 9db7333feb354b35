#!/usr/bin/env node
/**
 * `npm run emulator -- [flags]`: runs the Upbit emulator until SIGINT/SIGTERM and prints where
 * to point an Upbit client. See README.md and `--help`.
 */
import { CliError, USAGE, parseFlags } from './cli/parse-flags.js';
import { EmulatorConfigError } from './config/resolve-options.js';
import { startEmulator } from './emulator.js';
import { StateStoreError } from './persistence/journal-file.js';

async function main(): Promise<void> {
  let command;
  try {
    command = parseFlags(process.argv.slice(2), process.env);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    console.error(`${e.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (command.kind === 'help') return console.log(USAGE);
  const emulator = await startEmulator({
    ...command.options,
    log: (line) => console.error(`[upbit-emulator] ${line}`),
  });
  const account = command.options.accounts?.[0];
  console.log(`upbit-emulator listening
  REST            ${emulator.url}
  WebSocket       ${emulator.wsUrl}
  private WS      ${emulator.privateWsUrl}
  admin           ${emulator.url}/__admin/
  access key      ${account?.accessKey ?? '(default)'} (secret key from --secret-key / UPBIT_EMULATOR_SECRET_KEY)
  markets         ${emulator.admin
    .state()
    .markets.map((m) => `${m.market}@${m.price}`)
    .join(' ')}`);
  const state = emulator.persistence();
  if (state)
    console.log(
      `  state           ${state.path} (+ .journal, fsync ${state.fsync}): ${
        state.restored
          ? `restored, ${state.replayed} journal records replayed${state.torn ? `, a torn last record (line ${state.torn.line}) ignored` : ''}`
          : 'new'
      }`,
    );
  const stop = (): void => {
    void emulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof EmulatorConfigError || e instanceof StateStoreError ? e.message : e);
  process.exit(1);
});
