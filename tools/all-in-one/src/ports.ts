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

/** The ports all-in-one prefers (PostgreSQL, NATS, emulator, dashboard). */
export const PREFERRED_PORTS = {
  postgres: 54329,
  nats: 42229,
  emulator: 8787,
  dashboard: 8790,
} as const;
