import { isLeft } from 'fp-ts/lib/Either.js';
import { TelegramResponse } from './telegram-api.codec.js';
import {
  TelegramChatNotAllowedError,
  TelegramRateLimitedError,
  TelegramRejectedError,
  TelegramUnavailableError,
  describeFetchFailure,
} from './errors.js';
import { splitHtml } from './html.js';

/** How to reach the Telegram Bot API. The token is a secret: never log this object. */
export interface TelegramClientConfig {
  readonly token: string;
  /** The only chats messages may go to. */
  readonly chatIds: readonly string[];
  /** Default `https://api.telegram.org` (a local fake in tests). */
  readonly baseUrl?: string;
  /** Per-request timeout, default 10 s. */
  readonly timeoutMs?: number;
}

const METHOD = 'sendMessage';

/**
 * A minimal Bot API client: `sendMessage` in HTML parse mode to configured chats only, long
 * texts split at 4096 characters. Failures are typed ({@link TelegramRateLimitedError} for 429)
 * and never contain the token.
 */
export class TelegramClient {
  readonly #token: string;
  readonly #allowed: ReadonlySet<string>;
  readonly #baseUrl: string;
  readonly #timeoutMs: number;

  constructor(config: TelegramClientConfig) {
    this.#token = config.token;
    this.#allowed = new Set(config.chatIds);
    this.#baseUrl = (config.baseUrl ?? 'https://api.telegram.org').replace(/\/+$/, '');
    this.#timeoutMs = config.timeoutMs ?? 10_000;
  }

  /** The configured chat ids. */
  get chatIds(): readonly string[] {
    return [...this.#allowed];
  }

  /**
   * Sends HTML `html` (already escaped, see `escapeHtml`) to `chatId`, in as many messages as
   * the 4096-character limit needs. Rejects before any request for an unconfigured chat.
   */
  async sendMessage(chatId: string, html: string, signal?: AbortSignal): Promise<void> {
    if (!this.#allowed.has(chatId)) throw new TelegramChatNotAllowedError(chatId);
    for (const text of splitHtml(html)) await this.#sendOne(chatId, text, signal);
  }

  async #sendOne(chatId: string, text: string, signal?: AbortSignal): Promise<void> {
    const body = { chat_id: chatId, text, parse_mode: 'HTML', disable_web_page_preview: true };
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    let response: Response;
    let payload: unknown;
    try {
      response = await fetch(`${this.#baseUrl}/bot${this.#token}/${METHOD}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      payload = await response.json().catch(() => undefined);
    } catch (error) {
      // Not chained as `cause`: fetch errors may quote the URL, which holds the token.
      throw new TelegramUnavailableError(METHOD, undefined, describeFetchFailure(error));
    }
    const decoded = TelegramResponse.decode(payload);
    if (isLeft(decoded))
      throw new TelegramUnavailableError(METHOD, response.status, 'undecodable response');
    const answer = decoded.right;
    if (answer.ok) return;
    if (answer.error_code === 429 || response.status === 429) {
      const seconds = answer.parameters?.retry_after ?? 1;
      throw new TelegramRateLimitedError(METHOD, Math.max(0, seconds) * 1000);
    }
    if (response.status >= 500 || answer.error_code >= 500)
      throw new TelegramUnavailableError(METHOD, response.status, this.#scrub(answer.description));
    throw new TelegramRejectedError(METHOD, response.status, this.#scrub(answer.description));
  }

  /** Removes the token from text that came back from the far side, to be safe. */
  #scrub(text: string): string {
    return this.#token.length > 0 ? text.split(this.#token).join('[token]') : text;
  }
}
