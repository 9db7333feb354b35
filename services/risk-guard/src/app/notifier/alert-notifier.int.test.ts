import { ok, strictEqual } from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectNatsBus, removeNatsNamespace, type Bus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { PostgresEventStore } from '@hoga/event-store';
import { createLogger } from '@hoga/telemetry';
import {
  createTestSchema,
  eventually,
  testNamespace,
  testNatsUrl,
  type TestSchema,
} from '@hoga/testkit';
import pg from 'pg';
import { FakeTelegram } from '@hoga/notify/testing';
import { Harness } from '../../testing/harness.js';
import { accountState, positionState, publishPosition } from '../../testing/samples.js';
import type { NotifierSettings } from './alert-notifier.js';

const URGENT = '🚨 [URGENT]';
const TOKEN = '123456:TEST-TOKEN';
const CHAT = '4242';

interface OutboxRow {
  severity: string;
  attempts: number;
  sent_at: Date | null;
  last_error: string | null;
}

describe('risk-guard alert notifier (PostgreSQL, NATS JetStream, a fake Telegram)', function () {
  this.timeout(30_000);
  let schema: TestSchema;
  let servers: string;
  let namespace: string;
  let store: PostgresEventStore;
  let bus: Bus;
  let fake: FakeTelegram;
  let h: Harness;

  const settings = (): NotifierSettings => ({
    config: { language: 'en', telegram: { token: TOKEN, chatIds: [CHAT], baseUrl: fake.url } },
    database: schema.poolConfig,
    retry: { baseMs: 100, maxMs: 400 },
    idlePollMs: 200,
  });
  const urgentRows = async (): Promise<OutboxRow[]> => {
    const client = new pg.Client(schema.poolConfig);
    await client.connect();
    try {
      const sql = `select severity, attempts, sent_at, last_error from alert_outbox where severity = 'urgent'`;
      return (await client.query<OutboxRow>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  /** Arms the 10% limit on 1,000,000 KRW, then a position loses 100,000 KRW: a breach. */
  const breach = async () => {
    await bus.publish(subjects.accountState(), accountState('1000000'));
    await eventually(() => strictEqual(h.service.guard.state.lossLimit?.armed, true));
    const sentAt = Date.now();
    await publishPosition(bus, positionState('pos-n', { volume: '0.01', unrealized: '-100000' }));
    return sentAt;
  };

  beforeEach(async () => {
    schema = await createTestSchema('risk_notify');
    servers = await testNatsUrl();
    namespace = testNamespace('risk_notify');
    store = new PostgresEventStore({ ...schema.poolConfig, max: 4 });
    await store.migrate();
    bus = await connectNatsBus({
      servers,
      namespace,
      name: 'risk-notify-test',
      logger: createLogger({ service: 'test', sinks: [] }),
    });
    fake = new FakeTelegram();
    await fake.listen();
    h = await new Harness(bus, store).start({ notify: settings() });
    ok(h.service.notifier, 'the notifier started');
  });
  afterEach(async () => {
    await h.stop();
    await h.close();
    await bus.close();
    await fake.close();
    await store.close();
    await removeNatsNamespace({ servers, namespace }).catch(() => undefined);
    await schema.dispose();
  });

  it('a breach reaches Telegram as exactly one urgent message, to the configured chat', async () => {
    await breach();
    await eventually(() => strictEqual(fake.startingWith(URGENT).length, 1));
    await sleep(1000); // time for a duplicate to show up, if there were one
    const urgent = fake.startingWith(URGENT);
    strictEqual(urgent.length, 1);
    strictEqual(urgent[0]?.chatId, CHAT);
    strictEqual(urgent[0]?.path, `/bot${TOKEN}/sendMessage`);
    ok(urgent[0]?.text.includes('loss limit breached'), urgent[0]?.text);
    const rows = await urgentRows();
    strictEqual(rows.length, 1);
    ok(rows[0]?.sent_at !== null);
  });

  it('Telegram down during a breach: HALTED at once, the urgent message delivered once when it is back', async () => {
    await fake.close();
    const sentAt = await breach();
    await eventually(() => strictEqual(h.halts.length, 1));
    const haltMs = Date.now() - sentAt;
    ok(haltMs < 1000, `halted after ${String(haltMs)} ms`);
    strictEqual(h.halts[0]?.data.cause, 'loss-limit-breached');
    strictEqual(await h.kvState(), 'HALTED');
    strictEqual(h.service.guard.state.tradingState, 'HALTED');
    await eventually(async () => {
      const [row, ...more] = await urgentRows();
      strictEqual(more.length, 0);
      strictEqual(row?.sent_at, null);
      ok((row?.attempts ?? 0) >= 2, 'retried');
      ok(row?.last_error?.includes('ECONNREFUSED'), row?.last_error ?? 'no error');
    });
    strictEqual(fake.messages.length, 0);

    await fake.listen();
    await eventually(() => strictEqual(fake.startingWith(URGENT).length, 1));
    await sleep(1000);
    strictEqual(fake.startingWith(URGENT).length, 1);
    ok((await urgentRows())[0]?.sent_at !== null);
  });
});
