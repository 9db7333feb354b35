import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { dockerEngineAnswers } from './docker-engine.js';

/** Raised when a test needs PostgreSQL or NATS and none can be found. */
export class TestInfrastructureMissingError extends Error {
  override readonly name = 'TestInfrastructureMissingError';
}

const HOW_TO = `
hoga's tests run against real PostgreSQL and real NATS (JetStream). Either
  - set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) and NATS_URL (e.g. nats://127.0.0.1:4222), or
  - start a Docker engine so testcontainers can run them, or
  - run scripts/test-services.sh (installs and starts both on loopback; \`npm test\` runs it
    itself when they are down; NATS needs JetStream: nats-server -js).`;

let containers: Promise<{ databaseUrl: string; natsUrl: string }> | undefined;

async function fromContainers(): Promise<{ databaseUrl: string; natsUrl: string }> {
  containers ??= (async () => {
    const { GenericContainer, Wait } = await import('testcontainers');
    const pg = await new GenericContainer('postgres:16-alpine')
      .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust', POSTGRES_DB: 'test' })
      .withExposedPorts(5432)
      .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
      .start();
    const nats = await new GenericContainer('nats:2.10-alpine')
      .withCommand(['-js'])
      .withExposedPorts(4222)
      .start();
    return {
      databaseUrl: `postgres://postgres@${pg.getHost()}:${pg.getMappedPort(5432)}/test`,
      natsUrl: `nats://${nats.getHost()}:${nats.getMappedPort(4222)}`,
    };
  })();
  return containers;
}

/** The loopback services `scripts/test-services.sh` brings up (trust auth, database `test`). */
export const LOOPBACK_SERVICES = {
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
  natsUrl: 'nats://127.0.0.1:4222',
} as const;

/** True when something accepts a TCP connection on 127.0.0.1:`port` within a second. */
export function loopbackPortAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.end(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Where the tests' (and the benchmarks') PostgreSQL and NATS are, and how that was learnt. */
export interface TestServices {
  readonly databaseUrl: string;
  readonly natsUrl: string;
  readonly source: 'environment' | 'containers' | 'loopback';
}

const loopbackAnswers = async (): Promise<boolean> =>
  (await loopbackPortAnswers(5432)) && (await loopbackPortAnswers(4222));

/** `scripts/test-services.sh`, from this file's place in `libs/testkit/dist`. */
const TEST_SERVICES_SCRIPT = fileURLToPath(
  new URL('../../../scripts/test-services.sh', import.meta.url),
);

/**
 * Runs `scripts/test-services.sh` (installs PostgreSQL and NATS when missing, starts them on
 * loopback); true when it succeeded. Its output goes to this process's stdout/stderr.
 */
function bringUpLoopback(): boolean {
  console.log(
    '[services] PostgreSQL or NATS is not up on loopback: running scripts/test-services.sh',
  );
  return spawnSync('bash', [TEST_SERVICES_SCRIPT], { stdio: 'inherit' }).status === 0;
}

/** How {@link locateTestServices} may look. */
export interface LocateOptions {
  /** When nothing answers: run `scripts/test-services.sh`, then look on loopback again. */
  readonly bringUp?: boolean;
}

/**
 * The one discovery of PostgreSQL and NATS, for the tests (`npm test`, `@hoga/testkit`) and the
 * benchmarks (`npm run bench`): each of `DATABASE_URL` / `NATS_URL` when set; else
 * testcontainers when a Docker engine answers; else the loopback services when both ports
 * answer (with `bringUp`, after `scripts/test-services.sh` when they did not); else a
 * {@link TestInfrastructureMissingError} saying how to get them.
 */
export async function locateTestServices(
  env: NodeJS.ProcessEnv = process.env,
  options: LocateOptions = {},
): Promise<TestServices> {
  const databaseUrl = env['DATABASE_URL'];
  const natsUrl = env['NATS_URL'];
  if (databaseUrl && natsUrl) return { databaseUrl, natsUrl, source: 'environment' };
  const onLoopback = async () =>
    (await loopbackAnswers()) ||
    (options.bringUp === true && bringUpLoopback() && (await loopbackAnswers()));
  const found: TestServices = (await dockerEngineAnswers())
    ? { ...(await fromContainers()), source: 'containers' }
    : (await onLoopback())
      ? { ...LOOPBACK_SERVICES, source: 'loopback' }
      : missing(databaseUrl ? 'NATS_URL' : natsUrl ? 'DATABASE_URL' : 'DATABASE_URL and NATS_URL');
  return {
    databaseUrl: databaseUrl || found.databaseUrl,
    natsUrl: natsUrl || found.natsUrl,
    source: found.source,
  };
}

const missing = (what: string): never => {
  throw new TestInfrastructureMissingError(
    `${what} ${what.includes(' and ') ? 'are' : 'is'} not set, no Docker engine answers and ` +
      `nothing answers on 127.0.0.1:5432 and :4222.${HOW_TO}`,
  );
};

/** The PostgreSQL URL for tests: `DATABASE_URL`, else {@link locateTestServices}. */
export async function testDatabaseUrl(): Promise<string> {
  return process.env['DATABASE_URL'] || (await locateTestServices()).databaseUrl;
}

/** The NATS URL for tests: `NATS_URL`, else {@link locateTestServices}. */
export async function testNatsUrl(): Promise<string> {
  return process.env['NATS_URL'] || (await locateTestServices()).natsUrl;
}
