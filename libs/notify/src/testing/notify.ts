import { createLogger, memorySink } from '@hoga/telemetry';
import type { FakeTelegram } from './fake-telegram.js';
import type { AlertOutbox, OutboxAlert } from '../alert-outbox.port.js';
import { telegramChannels } from '../alert-channels.js';
import { Notifier } from '../notifier.js';
import { TelegramClient } from '../telegram-client.js';

/** The bot token the tests use; it must never show up in errors or logs. */
export const TOKEN = '123456:SECRET-token-ABCdef';

/** A sample alert. */
export const alertData = (dedupKey: string, title = 'Loss limit breached'): OutboxAlert => ({
  severity: 'urgent',
  title,
  body: 'Loss 10% <of> 10,000,000 KRW & liquidating',
  dedupKey,
  source: 'risk-guard',
  occurredAt: '2026-11-23T10:00:00.000Z',
});

/** A notifier over `outbox` sending to chats 111 and 222 of `fake`, with fast retries. */
export function notifierFor(fake: FakeTelegram, outbox: AlertOutbox) {
  const sink = memorySink();
  const client = new TelegramClient({
    token: TOKEN,
    chatIds: ['111', '222'],
    baseUrl: fake.url,
    timeoutMs: 5000,
  });
  const notifier = new Notifier({
    outbox,
    channels: telegramChannels(client),
    logger: createLogger({ service: 'notifier', level: 'debug', sinks: [sink] }),
    retry: { baseMs: 50, maxMs: 200 },
    idlePollMs: 100,
  });
  return { notifier, sink };
}
