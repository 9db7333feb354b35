import * as t from 'io-ts';
import type { AlertChannel } from './alert-channels.js';
import { telegramChannels, webhookChannel } from './alert-channels.js';
import { TelegramClient } from './telegram-client.js';
import { WebhookClient } from './webhook-client.js';

const ChatId = t.refinement(t.string, (s) => /^-?\d{1,20}$|^@\w{5,32}$/.test(s), 'ChatId');

/**
 * The notifier's configuration (from the config file and `HOGA_*` variables). `telegram.token`,
 * `webhook.url` and `webhook.secret` are secrets: never log a decoded config.
 */
export const NotifyConfig = t.intersection(
  [
    t.type({ language: t.keyof({ ko: null, en: null }) }),
    t.partial({
      telegram: t.intersection([
        t.type({ token: t.string, chatIds: t.array(ChatId) }),
        t.partial({ baseUrl: t.string }),
      ]),
      webhook: t.intersection([t.type({ url: t.string }), t.partial({ secret: t.string })]),
      /** A dedupKey delivered within this window is not delivered again (default 1 h). */
      dedupWindowMs: t.number,
    }),
  ],
  'NotifyConfig',
);
export type NotifyConfig = t.TypeOf<typeof NotifyConfig>;

/** The channels a configuration asks for: one per Telegram chat, plus the webhook if set. */
export function channelsFromConfig(config: NotifyConfig): AlertChannel[] {
  const channels: AlertChannel[] = [];
  if (config.telegram) channels.push(...telegramChannels(new TelegramClient(config.telegram)));
  if (config.webhook) channels.push(webhookChannel(new WebhookClient(config.webhook)));
  return channels;
}
