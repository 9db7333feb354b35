import { deepEqual, equal, rejects } from 'node:assert/strict';
import { krw, price, volume, type Market, type OrderId, type PositionId } from '@hoga/model';
import type { UpbitAccount } from '@hoga/upbit';
import type { RiskInputsRepository } from '../adapters/db/risk-inputs.repository.js';
import type { TradingStateReader } from '../adapters/bus/trading-state.reader.js';
import type { AccountBook } from '../adapters/upbit/account-book.js';
import type { OrderRecord } from '../domain/order-record.js';
import { PreTradeGate } from './pre-trade-gate.js';

const at = new Date('2026-12-07T10:00:00.000Z');

/** An order as the executor stores it before sending; only what the checks read matters. */
const order = (o: Partial<OrderRecord>): OrderRecord =>
  ({
    orderId: 'o-1' as OrderId,
    identifier: 'o-1',
    positionId: 'p-1' as PositionId,
    leg: 'exit',
    attempt: 1,
    market: 'KRW-BTC' as Market,
    side: 'ask',
    kind: 'market',
    price: null,
    volume: volume('0.5'),
    totalKrw: null,
    state: 'new',
    createdAt: at,
    lastChangedAt: at,
    ...o,
  }) as OrderRecord;

const account = (currency: string, balance: string): UpbitAccount =>
  ({
    currency,
    balance: volume(balance),
    locked: volume('0'),
    avg_buy_price: price('0'),
    avg_buy_price_modified: false,
    unit_currency: 'KRW',
  }) as unknown as UpbitAccount;

/** A gate whose balance reads are counted (and answer `accounts`, or fail). */
function gate(accounts: readonly UpbitAccount[] | Error) {
  const reads = { balances: 0 };
  const book = {
    balances: () => {
      reads.balances += 1;
      return accounts instanceof Error ? Promise.reject(accounts) : Promise.resolve(accounts);
    },
  } as unknown as AccountBook;
  const state = { read: () => Promise.resolve('ACTIVE') } as unknown as TradingStateReader;
  const risk = {} as RiskInputsRepository;
  const limits = { maxOpenPositions: null, maxExposurePerMarketKrw: null };
  return { gate: new PreTradeGate(state, book, risk, krw('0.0005'), limits), reads };
}

describe('PreTradeGate: no balance read on an exit’s path', () => {
  it('an exit passes without asking Upbit for balances, even holding fewer coins: Upbit judges a sell’s coins', async () => {
    const { gate: g, reads } = gate([account('KRW', '0'), account('BTC', '0.1')]);
    deepEqual(await g.check(order({ volume: volume('0.5') })), { pass: true });
    equal(reads.balances, 0);
  });

  it('an exit still goes when the balances cannot be read at all', async () => {
    const { gate: g, reads } = gate(new Error('Upbit down'));
    deepEqual(await g.check(order({})), { pass: true });
    equal(reads.balances, 0);
  });

  it('an exit under the minimum total is still denied before Upbit (no balance needed)', async () => {
    const { gate: g, reads } = gate([]);
    const verdict = await g.check(
      order({ kind: 'limit', price: price('100000000'), volume: volume('0.00001') }),
    );
    equal(verdict.pass, false);
    if (!verdict.pass) equal(verdict.reason, 'under-min-total');
    equal(reads.balances, 0);
  });

  it('an entry reads the balances and is denied for KRW it does not have', async () => {
    const { gate: g, reads } = gate([account('KRW', '1000'), account('BTC', '0')]);
    const verdict = await g.check(
      order({ leg: 'entry', side: 'bid', volume: null, totalKrw: krw('100000') }),
    );
    equal(verdict.pass, false);
    if (!verdict.pass) equal(verdict.reason, 'insufficient-balance');
    equal(reads.balances, 1);
  });

  it('an entry whose balances cannot be read fails (the command is retried)', async () => {
    const { gate: g } = gate(new Error('Upbit down'));
    await rejects(
      g.check(order({ leg: 'entry', side: 'bid', volume: null, totalKrw: krw('100000') })),
      /Upbit down/,
    );
  });
});
