import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { serveOps, type OpsServer } from '@hoga/bus';
import {
  CandleDataC,
  eventStreams,
  opsFailure,
  RiskEvent,
  type GetCandleHistory,
} from '@hoga/contracts';
import { newEventOf } from '@hoga/event-store';
import { decodeOrThrow, type Market, type PositionId } from '@hoga/model';
import { migrateExecutor } from '@hoga/order-executor';
import { orderIdFor } from '@hoga/position';
import { eventually } from '@hoga/testkit';
import { GatewayHarness, type TestClient } from '../../testing/gateway-harness.js';
import { PositionScript } from '../../testing/position-script.js';
import type { Page } from './history-read-model.js';
import type { TimelineEntry } from './timeline-entry.js';

const T = (iso: string) => Date.parse(iso);
const riskEvent = (type: string, id: string, at: string, data: unknown) =>
  decodeOrThrow(RiskEvent, {
    id,
    type,
    occurredAt: at,
    causationId: null,
    correlationId: id,
    data,
  });

/** market-feed's other verbs, not used here. */
const notServed = {
  watch: () => Promise.resolve(opsFailure('unavailable', 'not served by this test')),
  status: () => Promise.resolve(opsFailure('unavailable', 'not served by this test')),
};

describe('dashboard-gateway history: orders, candles, timeline', function () {
  this.timeout(60_000);
  const harness = new GatewayHarness('gateway_history_reads');
  let viewer: TestClient;
  before(async () => {
    await harness.start();
    viewer = harness.client('viewer');
  });
  after(() => harness.stop());

  describe('GET /api/positions/:id/orders', () => {
    const s = new PositionScript('o-pos' as PositionId, undefined, T('2026-12-01T00:00:00Z'));
    const entryId = orderIdFor(s.positionId, 'entry', 1);
    type OrdersReply = {
      executorTables: boolean;
      orders: {
        orderId: string;
        request: { leg: string; totalKrw: string | null };
        position: { filledVolume: string; end: unknown };
        executor: { state: string; executedVolume: string; paidFee: string } | null;
        trades: { tradeUuid: string; price: string; volume: string; funds: string }[];
      }[];
    };
    const orders = async () => {
      const reply = await viewer.get(`/api/positions/${s.positionId}/orders`);
      strictEqual(reply.status, 200, reply.text);
      return reply.json as OrdersReply;
    };

    it("shows the position's orders even before order-executor's tables exist", async () => {
      s.open();
      await s.appendTo(harness.store);
      const body = await orders();
      strictEqual(body.executorTables, false);
      deepStrictEqual(
        body.orders.map((o) => [o.orderId, o.request.leg, o.executor]),
        [[entryId, 'entry', null]],
      );
    });

    it("joins order-executor's record and trades, money as exact decimals", async () => {
      const db = new Kysely<unknown>({
        dialect: new PostgresDialect({ pool: new pg.Pool(harness.schema.poolConfig) }),
      });
      await migrateExecutor(db);
      strictEqual((await orders()).orders[0]!.executor, null);
      const pool = harness.gateway.context.pool;
      await pool.query(
        `insert into orders (order_id, identifier, position_id, leg, attempt, market, side, kind,
                             total_krw, state, exchange_uuid, executed_volume, executed_funds,
                             paid_fee, command_id, correlation_id)
         values ($1, $1, $2, 'entry', 1, 'KRW-BTC', 'bid', 'market', 200000, 'cancel', 'ex-1',
                 0.00199900, 199900.000, 99.95000, 'cmd-1', $2)`,
        [entryId, s.positionId],
      );
      await pool.query(
        `insert into trades (trade_uuid, order_id, market, side, price, volume, funds, fee,
                             traded_at, source)
         values ('t-1', $1, 'KRW-BTC', 'bid', 100000000.0, 0.001999, 199900, 99.95,
                 '2026-12-01T00:00:02Z', 'ws')`,
        [entryId],
      );
      s.fill('entry', '0.001999', '100000000');
      await s.appendTo(harness.store);
      const entry = (await orders()).orders[0]!;
      deepStrictEqual(entry.executor && { ...entry.executor, createdAt: '', updatedAt: '' }, {
        state: 'cancel',
        exchangeUuid: 'ex-1',
        executedVolume: '0.001999',
        executedFunds: '199900',
        paidFee: '99.95',
        detail: null,
        createdAt: '',
        updatedAt: '',
      });
      deepStrictEqual(entry.trades, [
        {
          tradeUuid: 't-1',
          orderId: entryId,
          price: '100000000',
          volume: '0.001999',
          funds: '199900',
          fee: '99.95',
          tradedAt: '2026-12-01T00:00:02.000Z',
          source: 'ws',
        },
      ]);
      deepStrictEqual(entry.position, {
        filledVolume: '0.001999',
        filledFunds: '199900',
        end: { state: 'cancel', executedVolume: '0.001999' },
        failure: null,
        failureCode: null,
      });
      await db.destroy();
    });

    it('answers an unknown position 404', async () => {
      strictEqual((await viewer.get('/api/positions/nobody/orders')).status, 404);
    });
  });

  describe('GET /api/markets/:market/candles', () => {
    let feed: OpsServer | undefined;
    const asked: GetCandleHistory['data'][] = [];
    afterEach(async () => {
      await feed?.stop();
      feed = undefined;
    });
    const candle = (openTime: string, close: string) => ({
      market: 'KRW-BTC' as Market,
      interval: '5m' as const,
      openTime,
      open: '100',
      high: '101.5',
      low: '99',
      close,
      volume: '1.25',
      turnoverKrw: '125.5',
      closed: true,
    });

    it("relays market-feed's history, oldest first, as exact decimals", async () => {
      feed = await serveOps(
        harness.bus,
        'market-feed',
        {
          history: (request) => {
            asked.push(request.data);
            const data = [
              candle('2026-12-01T00:00:00.000Z', '100.5'),
              candle('2026-12-01T00:05:00.000Z', '101'),
            ];
            const decoded = data.map((d) => decodeOrThrow(CandleDataC, d));
            return Promise.resolve({
              ok: true as const,
              market: request.data.market,
              interval: '5m' as const,
              candles: decoded,
            });
          },
          ...notServed,
        },
        { logger: harness.logger },
      );
      const reply = await viewer.get('/api/markets/KRW-BTC/candles?interval=5m&count=2');
      strictEqual(reply.status, 200, reply.text);
      deepStrictEqual(reply.json, {
        market: 'KRW-BTC',
        interval: '5m',
        candles: [
          candle('2026-12-01T00:00:00.000Z', '100.5'),
          candle('2026-12-01T00:05:00.000Z', '101'),
        ],
      });
      deepStrictEqual(asked, [{ market: 'KRW-BTC', interval: '5m', count: 2, to: null }]);
    });

    it("passes market-feed's refusal on typed", async () => {
      feed = await serveOps(
        harness.bus,
        'market-feed',
        {
          history: () =>
            Promise.resolve({
              ok: false as const,
              error: { code: 'not-found' as const, message: 'no market KRW-NOPE' },
            }),
          ...notServed,
        },
        { logger: harness.logger },
      );
      const reply = await viewer.get('/api/markets/KRW-NOPE/candles?interval=1m');
      strictEqual(reply.status, 404);
      strictEqual((reply.json as { error: { code: string } }).error.code, 'not-found');
    });

    it('answers 503 unavailable when market-feed is down', async () => {
      const reply = await viewer.get('/api/markets/KRW-BTC/candles?interval=1m&count=10');
      strictEqual(reply.status, 503);
      strictEqual((reply.json as { error: { code: string } }).error.code, 'unavailable');
    });

    it('refuses a bad interval or count naming the field', async () => {
      const reply = await viewer.get('/api/markets/KRW-BTC/candles?interval=1s&count=1001');
      strictEqual(reply.status, 400);
      deepStrictEqual(
        (reply.json as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field),
        ['query.interval', 'query.count'],
      );
    });
  });

  describe('GET /api/timeline', () => {
    const from = '2026-12-10T00:00:00Z';
    const to = '2026-12-11T00:00:00Z';
    const first = new PositionScript('tl-a' as PositionId, undefined, T('2026-12-10T01:00:00Z'));
    const second = new PositionScript(
      'tl-b' as PositionId,
      'KRW-ETH' as Market,
      T('2026-12-10T02:00:00Z'),
    );
    const page = async (query: string): Promise<Page<TimelineEntry>> => {
      const reply = await viewer.get(`/api/timeline?${query}`);
      strictEqual(reply.status, 200, reply.text);
      return reply.json as Page<TimelineEntry>;
    };
    const everything = async (query: string) => {
      const items: TimelineEntry[] = [];
      let cursor: string | null = null;
      do {
        const p: Page<TimelineEntry> = await page(
          `${query}${cursor === null ? '' : `&cursor=${cursor}`}`,
        );
        items.push(...p.items);
        cursor = p.nextCursor;
      } while (cursor !== null);
      return items;
    };

    before(async () => {
      first.roundTrip();
      await first.appendTo(harness.store);
      second.open().command('close', 'dashboard:bob');
      await second.appendTo(harness.store);
      await harness.store.append(
        eventStreams.risk,
        [
          riskEvent('TradingStateChanged', 'risk-1', '2026-12-10T01:30:00.000Z', {
            from: 'ACTIVE',
            to: 'HALTED',
            by: 'dashboard:alice',
            reason: 'manual halt',
            at: '2026-12-10T01:30:00.000Z',
            commandId: 'cmd-halt-1',
          }),
          riskEvent('TradingStateChanged', 'risk-2', '2026-12-10T01:40:00.000Z', {
            from: 'HALTED',
            to: 'ACTIVE',
            by: 'dashboard:alice',
            reason: 'resume',
            at: '2026-12-10T01:40:00.000Z',
            commandId: 'cmd-resume-1',
          }),
        ].map((e) => newEventOf(RiskEvent.encode, e)),
        { expectedVersion: 'any' },
      );
    });

    it('lists entries, exits, fills, halts, risk moves and commands of a window in time order', async () => {
      const skipped = new Set(['PeakPriceRaised', 'OrderFinished']);
      const expected = [
        ...first.events.filter((e) => !skipped.has(e.type)).map((e) => [e.occurredAt, e.type]),
        ['2026-12-10T01:30:00.000Z', 'TradingStateChanged'],
        ['2026-12-10T01:40:00.000Z', 'TradingStateChanged'],
        ...second.events.filter((e) => !skipped.has(e.type)).map((e) => [e.occurredAt, e.type]),
      ];
      const items = await eventually(async () => {
        const all = await everything(`from=${from}&to=${to}&limit=500`);
        strictEqual(all.length, expected.length);
        return all;
      });
      deepStrictEqual(
        items.map((i) => [i.at, i.type]),
        expected,
      );
      const kinds = items.map((i) => i.kind);
      for (const k of ['command', 'entry', 'fill', 'exit', 'halt', 'risk'])
        ok(kinds.includes(k as never), k);
      const halt = items.find((i) => i.kind === 'halt');
      strictEqual(halt?.by, 'dashboard:alice');
      strictEqual(halt.commandId, 'cmd-halt-1');
      const close = items.find((i) => i.type === 'CloseRequested');
      deepStrictEqual(
        [close?.kind, close?.by, close?.positionId, close?.market],
        ['command', 'dashboard:bob', 'tl-b', 'KRW-ETH'],
      );
      const closed = items.find((i) => i.type === 'PositionClosed');
      strictEqual(closed?.figures['realizedPnlKrw'], '5794.1015');
      const opened = items.find((i) => i.type === 'PositionOpened');
      strictEqual(opened?.by, 'cli:test');
      strictEqual(opened.figures['strategy'], undefined);
    });

    it('pages the same items with small pages, and filters by kind and window', async () => {
      const big = await everything(`from=${from}&to=${to}&limit=500`);
      deepStrictEqual(await everything(`from=${from}&to=${to}&limit=3`), big);
      deepStrictEqual(
        (await everything(`from=${from}&to=${to}&kind=command`)).map((i) => i.type),
        ['PositionOpened', 'PositionOpened', 'CloseRequested'],
      );
      const narrow = await everything('from=2026-12-10T01:30:00Z&to=2026-12-10T01:40:00Z');
      deepStrictEqual(
        narrow.map((i) => i.eventId),
        ['risk-1'],
      );
    });
  });
});
