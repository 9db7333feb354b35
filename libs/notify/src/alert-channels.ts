import type { AlertRow } from './alert-outbox.port.js';
import { WEBHOOK_CHANNEL, telegramChannel } from './alert-outbox.port.js';
import { SEVERITY_MARKER } from './alert-texts.js';
import { escapeHtml } from './html.js';
import type { TelegramClient } from './telegram-client.js';
import type { WebhookClient } from './webhook-client.js';

/** A place alerts go: the notifier hands it each due row whose `channel` equals `id`. */
export interface AlertChannel {
  readonly id: string;
  /** Delivers one row or throws (a `NotifyDeliveryError` with `retryAfterMs` when known). */
  deliver(row: AlertRow, signal: AbortSignal): Promise<void>;
}

/** The Telegram HTML of an alert: marker, bold title, body, source; all content escaped. */
export const renderTelegramHtml = (row: AlertRow): string =>
  `${SEVERITY_MARKER[row.severity]} <b>${escapeHtml(row.title)}</b>\n` +
  `${escapeHtml(row.body)}\n<i>${escapeHtml(row.source)}</i>`;

/** One channel per configured chat of `client`. */
export const telegramChannels = (client: TelegramClient): AlertChannel[] =>
  client.chatIds.map((chatId) => ({
    id: telegramChannel(chatId),
    deliver: (row, signal) => client.sendMessage(chatId, renderTelegramHtml(row), signal),
  }));

/** The webhook channel. */
export const webhookChannel = (client: WebhookClient): AlertChannel => ({
  id: WEBHOOK_CHANNEL,
  deliver: (row, signal) =>
    client.post(
      {
        severity: row.severity,
        title: row.title,
        body: row.body,
        dedupKey: row.dedupKey,
        source: row.source,
        occurredAt: row.occurredAt,
      },
      signal,
    ),
});
