import { connect as connectNats } from '@nats-io/transport-node';
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import pg from 'pg';
import { locateTestServices, loopbackPortAnswers } from './infrastructure.js';

/** Proves a located pair really serves: a PostgreSQL query and a NATS round trip. */
async function serves(services: { databaseUrl: string; natsUrl: string }): Promise<void> {
  const client = new pg.Client({ connectionString: services.databaseUrl });
  await client.connect();
  try {
    deepStrictEqual((await client.query<{ one: number }>('select 1 as one')).rows, [{ one: 1 }]);
  } finally {
    await client.end();
  }
  const nc = await connectNats({ servers: services.natsUrl });
  try {
    await nc.flush();
  } finally {
    await nc.close();
  }
}

describe('locateTestServices: how npm test and npm run bench find PostgreSQL and NATS', () => {
  it('takes DATABASE_URL and NATS_URL as they are when both are set', async () => {
    const env = { DATABASE_URL: 'postgres://x@db:1/y', NATS_URL: 'nats://n:2' };
    deepStrictEqual(await locateTestServices(env), {
      databaseUrl: env.DATABASE_URL,
      natsUrl: env.NATS_URL,
      source: 'environment',
    });
  });

  it('without them, finds services that answer (containers, else loopback)', async () => {
    const found = await locateTestServices({});
    ok(found.source === 'containers' || found.source === 'loopback', found.source);
    if (found.source === 'loopback') {
      strictEqual(found.databaseUrl, 'postgres://postgres@127.0.0.1:5432/test');
      strictEqual(found.natsUrl, 'nats://127.0.0.1:4222');
    }
    await serves(found);
  });

  it('keeps the one that is set and finds the other', async () => {
    const natsUrl = 'nats://only-this:4222';
    const found = await locateTestServices({ NATS_URL: natsUrl });
    strictEqual(found.natsUrl, natsUrl);
    ok(found.databaseUrl.startsWith('postgres://'), found.databaseUrl);
  });

  it('probes a loopback port: a closed one does not answer', async () => {
    strictEqual(await loopbackPortAnswers(1), false);
  });
});
