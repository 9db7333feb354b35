import { dockerEngineAnswers } from './docker-engine.js';

/** Raised when a test needs PostgreSQL or NATS and none can be found. */
export class TestInfrastructureMissingError extends Error {
  override readonly name = 'TestInfrastructureMissingError';
}

const HOW_TO = `
hoga's tests run against real PostgreSQL and real NATS (JetStream). Either
  - set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/test) and NATS_URL (e.g. nats://127.0.0.1:4222), or
  - start a Docker engine so testcontainers can run them, or
  - install and start them locally: apt-get install -y postgresql nats-server, then run .ci/run
    (it starts both; NATS needs JetStream: nats-server -js).`;

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

/** The PostgreSQL URL for tests: `DATABASE_URL`, else a testcontainer, else a clear error. */
export async function testDatabaseUrl(): Promise<string> {
  const url = process.env['DATABASE_URL'];
  if (url) return url;
  if (await dockerEngineAnswers()) return (await fromContainers()).databaseUrl;
  throw new TestInfrastructureMissingError(
    `DATABASE_URL is not set and no Docker engine answers.${HOW_TO}`,
  );
}

/** The NATS URL for tests: `NATS_URL`, else a testcontainer, else a clear error. */
export async function testNatsUrl(): Promise<string> {
  const url = process.env['NATS_URL'];
  if (url) return url;
  if (await dockerEngineAnswers()) return (await fromContainers()).natsUrl;
  throw new TestInfrastructureMissingError(
    `NATS_URL is not set and no Docker engine answers.${HOW_TO}`,
  );
}
