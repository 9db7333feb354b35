import type { LoadConfigOptions } from './load-config.js';
import { configFileFromEnv } from './run-as-main.js';

/**
 * How every service starts (ADR 0062): `start(options)` exported by its package. Everything is
 * optional; `start()` alone is the process (`main.ts`).
 */
export interface StartOptions<Connections> {
  /**
   * Config values above the file and the environment, written as in a config file (plain
   * JSON-like values: `{ nats: { url } }`, `{ positionActor: { feeRate: '0.001' } }`).
   */
  readonly config?: unknown;
  /** Where `HOGA_*` and `HOGA_CONFIG` (the config file) are read (default `process.env`). */
  readonly env?: NodeJS.ProcessEnv;
  /**
   * What the caller already holds (bus, store, logger, metrics, clock, ...): the service uses it
   * and never closes it; what is not given, the service opens from its config and closes on stop.
   */
  readonly connections?: Connections;
}

/** A started service. */
export interface RunningService {
  /** Stops taking work, lets work in flight finish, closes what the service opened. */
  stop(): Promise<void>;
}

/**
 * The sources of a service's config for `start(options)`: the file named by `HOGA_CONFIG` and
 * the `HOGA_*` variables of `options.env` (default `process.env`), `options.config` on top.
 */
export function configSources(
  options: StartOptions<unknown>,
): Omit<LoadConfigOptions, 'defaults'> & { readonly env: NodeJS.ProcessEnv } {
  const env = options.env ?? process.env;
  const file = configFileFromEnv(env);
  return {
    env,
    ...(file !== undefined ? { file } : {}),
    ...(options.config !== undefined ? { overrides: options.config } : {}),
  };
}

/**
 * What a starting service opened itself, closed in reverse order on stop (or when the start
 * fails half-way); what was injected is never added here.
 */
export class Opened {
  readonly #closers: (() => Promise<void> | void)[] = [];

  /** Remembers how to close something just opened; returns it. */
  add<T>(thing: T, close: (thing: T) => Promise<void> | void): T {
    this.#closers.push(() => close(thing));
    return thing;
  }

  /** Closes everything, last opened first; the first failure is thrown after all were tried. */
  async close(): Promise<void> {
    let failure: { error: unknown } | undefined;
    for (const close of this.#closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  /**
   * Runs the rest of a start; if it throws, closes what was opened so far and rethrows.
   */
  async orClose<T>(rest: () => Promise<T>): Promise<T> {
    try {
      return await rest();
    } catch (error) {
      await this.close().catch(() => undefined);
      throw error;
    }
  }
}
