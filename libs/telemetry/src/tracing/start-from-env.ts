import { startTracing, type Tracing } from './start-tracing.js';
import { tracingConfigFromEnv } from './tracing-config.js';

/**
 * Starts this process's tracing from `HOGA_TRACING__*` (off without an OTLP URL). A service's
 * `main` calls it first and shuts it down last, so the last spans are exported.
 */
export const startTracingFromEnv = (
  service: string,
  env: NodeJS.ProcessEnv = process.env,
): Tracing => startTracing({ service, ...tracingConfigFromEnv(env) });

/**
 * Wraps a service process's start (`runAsMain(url, name, traced(name, start))`): tracing from
 * the environment before it, and after its drain the last spans are exported and tracing
 * stopped.
 */
export const traced =
  (service: string, start: () => Promise<() => Promise<void>>) =>
  async (): Promise<() => Promise<void>> => {
    const tracing = startTracingFromEnv(service);
    let drain: () => Promise<void>;
    try {
      drain = await start();
    } catch (error) {
      await tracing.shutdown();
      throw error;
    }
    return async () => {
      try {
        await drain();
      } finally {
        await tracing.shutdown();
      }
    };
  };
