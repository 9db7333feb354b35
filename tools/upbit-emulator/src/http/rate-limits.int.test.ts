import { deepEqual, equal, ok } from 'node:assert/strict';
import { ManualClock } from '../util/clock.js';
import { emulatorUnderTest, KEY, type EmulatorUnderTest } from '../testing/emulator-under-test.js';
import { RestClient } from '../testing/rest-client.js';

describe('rate limits over HTTP', () => {
  let t: EmulatorUnderTest;
  let clock: ManualClock;
  beforeEach(async () => {
    clock = new ManualClock(Date.now());
    t = await emulatorUnderTest({
      clock,
      accounts: [
        { ...KEY, balances: { KRW: '10000000' } },
        { accessKey: 'other', secretKey: 'other-secret' },
      ],
      rateLimits: { enabled: true, blockAfterViolations: 3, blockBaseMs: 5000 },
    });
  });
  afterEach(() => t.em.close());

  it('reports what is left of the second in Remaining-Req', async () => {
    const seen: string[] = [];
    for (let i = 0; i < 3; i++)
      seen.push((await t.client.get('/v1/accounts')).headers.get('remaining-req') ?? '');
    deepEqual(seen, [
      'group=default; min=1800; sec=29',
      'group=default; min=1800; sec=28',
      'group=default; min=1800; sec=27',
    ]);
    equal(
      (await t.client.publicGet('/v1/ticker', [['markets', 'KRW-BTC']])).headers.get(
        'remaining-req',
      ),
      'group=ticker; min=600; sec=9',
    );
  });

  it('answers 429 over the limit (plain text for quotation), then 418 with a block for repeat offenders', async () => {
    const statuses: number[] = [];
    let tooMany = '';
    for (let i = 0; i < 14; i++) {
      const r = await t.client.publicGet('/v1/ticker', [['markets', 'KRW-BTC']]);
      statuses.push(r.status);
      if (r.status === 429) tooMany = r.text;
    }
    deepEqual(statuses, [...Array<number>(10).fill(200), 429, 429, 418, 418]);
    equal(tooMany, 'Too many API requests.');
    clock.advance(1500);
    equal((await t.client.publicGet('/v1/market/all')).status, 418, 'the block covers every group');
    clock.advance(5000);
    equal((await t.client.publicGet('/v1/market/all')).status, 200);
  });

  it('answers JSON 429 for exchange groups and counts them per account', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++)
      statuses.push(
        (
          await t.client.order({
            market: 'KRW-BTC',
            side: 'bid',
            ord_type: 'price',
            price: '10000',
          })
        ).status,
      );
    deepEqual(statuses, [...Array<number>(12).fill(201), 429]);
    const limited = await t.client.order({
      market: 'KRW-BTC',
      side: 'bid',
      ord_type: 'price',
      price: '10000',
    });
    equal((limited.json as { error: { name: string } }).error.name, 'too_many_requests');
    const other = new RestClient(t.em.url, { accessKey: 'other', secretKey: 'other-secret' });
    equal((await other.get('/v1/accounts')).status, 200, 'another account has its own budget');
  });

  it('can be switched off at run time', async () => {
    t.em.admin.setRateLimits({ enabled: false });
    const statuses = new Set<number>();
    for (let i = 0; i < 15; i++)
      statuses.add((await t.client.publicGet('/v1/ticker', [['markets', 'KRW-BTC']])).status);
    deepEqual([...statuses], [200]);
    ok(t.em.admin.rateLimits().enabled === false);
  });
});
