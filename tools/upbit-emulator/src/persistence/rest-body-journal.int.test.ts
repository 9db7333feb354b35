import { deepEqual, equal, ok } from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator.js';
import { hashQuery, RestClient } from '../testing/rest-client.js';
import { bearer } from '../testing/upbit-signer.js';

const KEY = { accessKey: 'text-ak', secretKey: 'text-sk' };

const start = (dir: string) =>
  startEmulator({
    port: 0,
    seed: 'rest-body',
    tickIntervalMs: 0,
    historyMinutes: 0,
    markets: [{ market: 'KRW-BTC', startPrice: '100000000' }],
    accounts: [{ ...KEY, balances: { KRW: '10000000' } }],
    rateLimits: { enabled: false },
    persistence: { path: join(dir, 'state.json'), fsync: 'off' },
  });

/** `POST /v1/orders` with `text` as the body, signed over `fields` (the body's pairs). */
async function postText(
  emulator: RunningEmulator,
  text: string,
  fields: ReadonlyArray<readonly [string, string]>,
) {
  const r = await fetch(`${emulator.url}/v1/orders`, {
    method: 'POST',
    headers: {
      Authorization: await bearer({ ...KEY, hashInput: hashQuery(fields) }),
      'Content-Type': 'application/json',
    },
    body: text,
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}

/**
 * The journal keeps an order request's body as the JSON text that came over REST (ADR 0032
 * addendum, record format 3: no second serialisation), and a start after a crash replays it
 * into the same order. A pretty-printed body (line breaks) is serialised instead: a journal
 * record is one line.
 */
describe('emulator persistence: a REST body is journaled as it came', function () {
  this.timeout(30_000);
  let dir: string;
  let crashed: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'emulator-body-'));
    crashed = mkdtempSync(join(tmpdir(), 'emulator-body-crashed-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(crashed, { recursive: true, force: true });
  });

  it('writes the text as sent, and a start on the files a kill -9 leaves has the same orders', async () => {
    const spaced =
      ' { "market" : "KRW-BTC", "side":"bid",\t"ord_type": "limit", "price": "90000000", "volume": "0.0001", "identifier": "spaced-1" } ';
    const spacedFields = [
      ['market', 'KRW-BTC'],
      ['side', 'bid'],
      ['ord_type', 'limit'],
      ['price', '90000000'],
      ['volume', '0.0001'],
      ['identifier', 'spaced-1'],
    ] as const;
    const prettyBody = {
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'limit',
      price: '91000000',
      volume: '0.0002',
      identifier: 'pretty-1',
    };
    const emulator = await start(dir);
    const placed: Array<Record<string, unknown>> = [];
    try {
      const a = await postText(emulator, spaced, spacedFields);
      equal(a.status, 201, JSON.stringify(a.json));
      const b = await postText(
        emulator,
        JSON.stringify(prettyBody, null, 2),
        Object.entries(prettyBody),
      );
      equal(b.status, 201, JSON.stringify(b.json));
      placed.push(a.json, b.json);
      const journal = readFileSync(join(dir, 'state.json.journal'), 'utf8');
      ok(journal.includes(spaced), `the body as sent in the journal:\n${journal}`);
      ok(journal.includes(JSON.stringify(prettyBody)), 'the pretty body serialised');
      equal(journal.split('\n').filter((l) => l !== '').length, 2, 'one line per record');
      // what a kill -9 leaves: the files as they are, no final snapshot
      cpSync(dir, crashed, { recursive: true });
    } finally {
      await emulator.close();
    }
    const again = await start(crashed);
    try {
      equal(again.persistence()?.replayed, 2);
      const client = new RestClient(again.url, KEY);
      for (const order of placed) {
        const r = await client.get('/v1/order', [['uuid', String(order['uuid'])]]);
        equal(r.status, 200);
        const got = r.json as Record<string, unknown>;
        for (const k of ['uuid', 'identifier', 'price', 'volume', 'state', 'locked', 'created_at'])
          deepEqual(got[k], order[k], k);
      }
      const spacedAgain = await postText(again, spaced, spacedFields);
      equal(spacedAgain.status, 400, 'the identifier stays used after the replay');
    } finally {
      await again.close();
    }
  });
});
