import { pathToFileURL } from 'node:url';

/** Stops a running service and closes what it opened. */
export type Drain = () => Promise<void>;

/** True when the module at `moduleUrl` is the process entry point (`node dist/main.js`). */
export const isMainModule = (moduleUrl: string): boolean =>
  process.argv[1] !== undefined && moduleUrl === pathToFileURL(process.argv[1]).href;

/** The config file named by `HOGA_CONFIG`, if any (JSON or YAML; below the `HOGA_*` variables). */
export const configFileFromEnv = (env: NodeJS.ProcessEnv = process.env): string | undefined =>
  env['HOGA_CONFIG'];

const describe = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Runs a service as a process when `moduleUrl` is the entry point: `start` brings it up and
 * returns how to drain it. SIGTERM or SIGINT drains once, then exits 0 (1 when draining fails);
 * a failed start prints the error's name and message (never a config dump) and exits 1.
 */
export function runAsMain(moduleUrl: string, service: string, start: () => Promise<Drain>): void {
  if (!isMainModule(moduleUrl)) return;
  start().then(
    (drain) => {
      let draining = false;
      const shutdown = (): void => {
        if (draining) return;
        draining = true;
        drain().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(`${service}: drain failed: ${describe(error)}`);
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', shutdown);
      process.once('SIGINT', shutdown);
    },
    (error: unknown) => {
      console.error(`${service}: failed to start: ${describe(error)}`);
      process.exit(1);
    },
  );
}
