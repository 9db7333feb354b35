import { createServer } from 'node:net';

/** Resolves true when `port` can be bound on `host` right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A free port chosen by the system. */
export function anyFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

/** `preferred` when it is free (stable ports across restarts), else any free loopback port. */
export async function pickPort(preferred: number, host = '127.0.0.1'): Promise<number> {
  return (await isPortFree(preferred, host)) ? preferred : anyFreePort(host);
}

/** The ports all-in-one prefers (PostgreSQL, NATS, emulator, dashboard, metrics). */
export const PREFERRED_PORTS = {
  postgres: 54329,
  nats: 42229,
  emulator: 8787,
  dashboard: 8790,
  metrics: 9464,
} as const;

/**
 * `HOGA_PORTS`: `preferred` (default: each piece on its port above when free, else any free
 * one) or `any` (every piece on a port the system chooses: an engine started beside another,
 * as the tests do, never takes 8787 / 8790 from it).
 */
export type PortChoice = 'preferred' | 'any';

/** `HOGA_PORTS` is neither `preferred` nor `any`. */
export class PortsSettingError extends Error {
  override readonly name = 'PortsSettingError';
}

/** Decodes `HOGA_PORTS` (unset or empty: `preferred`); throws {@link PortsSettingError}. */
export function portChoiceOf(env: NodeJS.ProcessEnv): PortChoice {
  const value = env['HOGA_PORTS']?.trim() || 'preferred';
  if (value === 'preferred' || value === 'any') return value;
  throw new PortsSettingError(`HOGA_PORTS must be 'preferred' (default) or 'any', not '${value}'`);
}

/** A port to hand to a child process (PostgreSQL, nats-server): a concrete number. */
export const portForChild = (
  choice: PortChoice,
  preferred: number,
  host = '127.0.0.1',
): Promise<number> => (choice === 'any' ? anyFreePort(host) : pickPort(preferred, host));

/** A port for a server of this process to listen on: 0 (the system's choice, no race) for `any`. */
export const portToListen = async (
  choice: PortChoice,
  preferred: number,
  host = '127.0.0.1',
): Promise<number> => (choice === 'any' ? 0 : pickPort(preferred, host));
