import * as t from 'io-ts';
import { NotifyConfig } from '@hoga/notify';

const isRecord = (u: unknown): u is Record<string, unknown> =>
  typeof u === 'object' && u !== null && !Array.isArray(u);

/** Splits `"123, @ops_channel"` into chat ids; an array is kept as it is. */
const chatIdsOf = (u: unknown): unknown =>
  typeof u === 'string'
    ? u
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
    : u;

/** The environment's strings in the shapes `NotifyConfig` wants; `language` defaults to `ko`. */
function fromEnvironment(u: unknown): unknown {
  if (!isRecord(u)) return u;
  const out: Record<string, unknown> = { language: 'ko', ...u };
  if (isRecord(out['telegram']))
    out['telegram'] = { ...out['telegram'], chatIds: chatIdsOf(out['telegram']['chatIds']) };
  const window = out['dedupWindowMs'];
  if (typeof window === 'string' && window.trim() !== '') out['dedupWindowMs'] = Number(window);
  return out;
}

/**
 * `NotifyConfig` of `@hoga/notify` as it arrives from a config file or the `HOGA_NOTIFY__*`
 * environment: `HOGA_NOTIFY__TELEGRAM__TOKEN`, `HOGA_NOTIFY__TELEGRAM__CHAT_IDS=123,-100456`
 * (comma-separated), `HOGA_NOTIFY__TELEGRAM__BASE_URL`, `HOGA_NOTIFY__WEBHOOK__URL`,
 * `HOGA_NOTIFY__WEBHOOK__SECRET`, `HOGA_NOTIFY__DEDUP_WINDOW_MS`, `HOGA_NOTIFY__LANGUAGE`
 * (default `ko`). Holds secrets: never log a decoded value.
 */
export const NotifySettings = new t.Type<NotifyConfig, unknown, unknown>(
  'NotifySettings',
  NotifyConfig.is,
  (u, c) => NotifyConfig.validate(fromEnvironment(u), c),
  (a) => NotifyConfig.encode(a),
);

/** A configuration that names at least one channel (a Telegram chat or the webhook). */
export const hasChannels = (config: NotifyConfig | undefined): config is NotifyConfig =>
  config !== undefined &&
  ((config.telegram !== undefined && config.telegram.chatIds.length > 0) ||
    config.webhook !== undefined);
