import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { deployPath } from '../deploy-paths.js';
import { freePort } from './free-port.js';
import { requireTool } from '../tools/required-tool.js';
import { NATS_USERS, type NatsUser } from './service-permissions.js';
import { passwordVariable } from './users-conf.js';

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

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
  const child = spawn(binary, ['-c', join(dir, 'nats.conf')], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let log = '';
  const collect = (chunk: Buffer) =>
    void (log = `${log}${chunk.toString('utf8')}`.slice(-1_000_000));
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  const gone = new Promise<void>((resolve) =>
    child.once('exit', () => ((exited = true), resolve())),
  );
  const stop = async (): Promise<void> => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await gone;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`nats-server did not start on port ${port} with deploy/nats`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    port,
    servers: `127.0.0.1:${port}`,
    url: (u) => `nats://${u}:${password(u)}@127.0.0.1:${port}`,
    password,
    violations: () => log.split('\n').filter((l) => /Violation/.test(l)),
    stop,
  };
}
