import { deepStrictEqual, strictEqual, throws } from 'node:assert/strict';
import type { DurableDelivery } from '@hoga/bus';
import type { Alert } from '@hoga/contracts';
import { loadConfig } from '@hoga/config';
import { createLogger } from '@hoga/telemetry';
import { DEFAULT_CONFIG, RiskGuardConfig } from '../../config.js';
import { alertHandler } from '../../handlers/alert.handler.js';
import { hasChannels } from './notify-settings.js';

const load = (env: NodeJS.ProcessEnv) =>
  loadConfig(RiskGuardConfig, { defaults: DEFAULT_CONFIG, env });

describe('risk-guard notifier wiring', () => {
  it('reads HOGA_NOTIFY__* from the environment: chat ids comma-separated, language ko', () => {
    const config = load({
      HOGA_NOTIFY__TELEGRAM__TOKEN: '1:abc',
      HOGA_NOTIFY__TELEGRAM__CHAT_IDS: '123, -100456 ,@ops_channel',
      HOGA_NOTIFY__DEDUP_WINDOW_MS: '60000',
    });
    deepStrictEqual(config.notify, {
      language: 'ko',
      telegram: { token: '1:abc', chatIds: ['123', '-100456', '@ops_channel'] },
      dedupWindowMs: 60000,
    });
    strictEqual(hasChannels(config.notify), true);
  });
  it('runs no notifier without notify config, and refuses a bad chat id', () => {
    strictEqual(hasChannels(load({}).notify), false);
    strictEqual(hasChannels(load({ HOGA_NOTIFY__LANGUAGE: 'en' }).notify), false);
    strictEqual(hasChannels(load({ HOGA_NOTIFY__WEBHOOK__URL: 'https://x.test/h' }).notify), true);
    throws(
      () => load({ HOGA_NOTIFY__TELEGRAM__TOKEN: 't', HOGA_NOTIFY__TELEGRAM__CHAT_IDS: 'nope' }),
      /notify/,
    );
  });

  const delivery = (occurredAt: string) => {
    const seen = { acked: 0, naked: [] as (number | undefined)[] };
    const alert: Alert = {
      id: 'a-1',
      type: 'Alert',
      occurredAt,
      causationId: null,
      correlationId: 'a-1',
      data: { severity: 'urgent', title: 't', body: 'b', dedupKey: 'k', source: 'risk-guard' },
    };
    const d = {
      subject: 'hoga.alert.urgent',
      data: alert,
      headers: {},
      deliveryCount: 1,
      sequence: 1,
      ack: () => ((seen.acked += 1), Promise.resolve()),
      nak: (ms?: number) => void seen.naked.push(ms),
    } satisfies DurableDelivery<Alert>;
    return { d, seen };
  };
  const deps = (enqueue: () => Promise<number>) => ({
    notifier: { enqueue },
    logger: createLogger({ service: 'test', sinks: [] }),
    now: () => new Date('2026-11-23T10:00:00.000Z'),
    maxAgeMs: 60_000,
    retryMs: 5000,
  });

  it('acks an alert once the outbox holds it; a failed enqueue is offered again, not acked', async () => {
    const enqueued: unknown[] = [];
    const fine = delivery('2026-11-23T09:59:30.000Z');
    await alertHandler(deps((...a: unknown[]) => (enqueued.push(a), Promise.resolve(1))))(fine.d);
    deepStrictEqual([enqueued.length, fine.seen.acked], [1, 1]);
    const failing = delivery('2026-11-23T09:59:30.000Z');
    await alertHandler(deps(() => Promise.reject(new Error('db down'))))(failing.d);
    deepStrictEqual([failing.seen.acked, failing.seen.naked], [0, [5000]]);
  });
  it('acks an alert older than the maximum age without delivering it', async () => {
    let calls = 0;
    const stale = delivery('2026-11-23T09:58:00.000Z');
    await alertHandler(deps(() => ((calls += 1), Promise.resolve(1))))(stale.d);
    deepStrictEqual([calls, stale.seen.acked], [0, 1]);
  });
});
