import { rmSync, writeFileSync } from 'node:fs';
import { RuntimeFile } from '@hoga/cli';

/** Where the pieces of a running engine listen (what `runtime.json` tells the CLI). */
export interface EngineAddresses {
  readonly natsUrl: string | null;
  readonly databaseUrl: string;
  /** Null in live mode (`HOGA_EXCHANGE=upbit`): no emulator runs. */
  readonly emulator: {
    readonly url: string;
    readonly wsUrl: string;
    readonly port: number;
  } | null;
  readonly ports: { readonly postgres: number | null; readonly nats: number | null };
  /** Where the dashboard is served (`http://127.0.0.1:8790/`). */
  readonly dashboardUrl: string;
  /** The engine's Prometheus endpoint (`http://127.0.0.1:9464/metrics`; ADR 0056). */
  readonly metricsUrl: string;
}

/** The runtime file of an engine: the CLI's codec plus the emulator (null when live) and the ports. */
export type EngineRuntimeFile = RuntimeFile & {
  readonly emulator: EngineAddresses['emulator'];
  /** `/metrics` of the engine; `/health/live` and `/health/ready` beside it. */
  readonly metricsUrl: string;
  readonly ports: EngineAddresses['ports'] & { readonly emulator: number | null };
};

/** Builds the runtime file (namespace '' — the CLI then needs none). */
export function runtimeFileOf(
  addresses: EngineAddresses,
  pid: number,
  startedAt: Date,
): EngineRuntimeFile {
  const file: EngineRuntimeFile = {
    natsUrl: addresses.natsUrl,
    namespace: '',
    databaseUrl: addresses.databaseUrl,
    pid,
    startedAt: startedAt.toISOString(),
    emulator:
      addresses.emulator === null
        ? null
        : {
            url: addresses.emulator.url,
            wsUrl: addresses.emulator.wsUrl,
            port: addresses.emulator.port,
          },
    ports: { ...addresses.ports, emulator: addresses.emulator?.port ?? null },
    dashboardUrl: addresses.dashboardUrl,
    metricsUrl: addresses.metricsUrl,
  };
  if (!RuntimeFile.is(file)) throw new Error('runtime file does not match the CLI codec');
  return file;
}

/** Writes it with mode 0600 (the database URL carries the embedded database's password). */
export function writeRuntimeFile(path: string, file: EngineRuntimeFile): void {
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
}

/** Removes it (the engine is gone). */
export const removeRuntimeFile = (path: string): void => rmSync(path, { force: true });
