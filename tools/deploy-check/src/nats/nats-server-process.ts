import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { deployPath } from '../deploy-paths.js';
import { freePort, startNatsServerProcess } from '@hoga/testkit';
import { requireTool } from '../tools/required-tool.js';
import { NATS_USERS, type NatsUser } from './service-permissions.js';
import { passwordVariable } from './users-conf.js';

/**
 * Random passwords for every user, as the environment variables the config reads. nats-server
 * parses a variable's value as a config value, so a password must start with a letter (one
 * starting with a digit is read as a number and refused): see docs/operations.md.
 */
export function passwordsEnv(): { env: Record<string, string>; password: (u: NatsUser) => string } {
  const env: Record<string, string> = {};
  for (const u of NATS_USERS) env[passwordVariable(u)] = `h${randomBytes(16).toString('hex')}`;
  return { env, password: (u) => env[passwordVariable(u)] ?? '' };
}

/** A nats-server running deploy/nats's accounts on a free loopback port. */
export interface DeployedNats {
  readonly port: number;
  /** `nats://user:password@127.0.0.1:port` for a user. */
  url(user: NatsUser): string;
  readonly servers: string;
  password(user: NatsUser): string;
  /** The server's `Publish Violation` / `Subscription Violation` log lines so far. */
  violations(): string[];
  stop(): Promise<void>;
}

/**
 * Starts the real nats-server with `deploy/nats/hoga-accounts.conf` (copied beside a config that
 * only changes the port and the JetStream directory), each password a random one in its
 * environment variable.
 */
export async function startDeployedNats(): Promise<DeployedNats> {
  const binary = requireTool('nats-server');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'hoga-deploy-nats-'));
  copyFileSync(deployPath('nats', 'hoga-accounts.conf'), join(dir, 'hoga-accounts.conf'));
  writeFileSync(
    join(dir, 'nats.conf'),
    `listen: "127.0.0.1:${port}"\njetstream { store_dir: ${JSON.stringify(join(dir, 'js'))} }\ninclude ./hoga-accounts.conf\n`,
  );
  const { env, password } = passwordsEnv();
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const server = await startNatsServerProcess({
    binary,
    port,
    args: ['-c', join(dir, 'nats.conf')],
    env,
  }).catch((error: unknown) => {
    remove();
    throw error;
  });
  return {
    port,
    servers: `127.0.0.1:${port}`,
    url: (u) => `nats://${u}:${password(u)}@127.0.0.1:${port}`,
    password,
    violations: () =>
      server
        .output()
        .split('\n')
        .filter((l) => /Violation/.test(l)),
    stop: async () => (await server.stop(), remove()),
  };
}
