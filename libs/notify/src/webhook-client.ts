import { createHmac } from 'node:crypto';
import type { AlertSeverity } from '@hoga/contracts';
import { WebhookDeliveryError, describeFetchFailure } from './errors.js';

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body>` when a secret is set. */
export const WEBHOOK_SIGNATURE_HEADER = 'x-hoga-signature';

/** Where the webhook goes. The URL and the secret are secrets: never log this object. */
export interface WebhookClientConfig {
  readonly url: string;
  /** When set, every request is signed with HMAC-SHA256 over the raw JSON body. */
  readonly secret?: string;
  /** Per-request timeout, default 10 s. */
  readonly timeoutMs?: number;
}

/** The JSON body the webhook receives. */
export interface WebhookPayload {
  readonly severity: AlertSeverity;
  readonly title: string;
  readonly body: string;
  readonly dedupKey: string;
  readonly source: string;
  readonly occurredAt: string;
}

/** `sha256=<hex>`: the signature of `rawBody` under `secret`, as the receiver should verify it. */
export const signWebhookBody = (secret: string, rawBody: string): string =>
  `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;

/** POSTs alerts as JSON to one configured URL; any non-2xx answer is a {@link WebhookDeliveryError}. */
export class WebhookClient {
  readonly #config: WebhookClientConfig;

  constructor(config: WebhookClientConfig) {
    this.#config = config;
  }

  /** Sends one alert; resolves once the receiver answered 2xx. */
  async post(payload: WebhookPayload, signal?: AbortSignal): Promise<void> {
    const raw = JSON.stringify(payload);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.#config.secret !== undefined && this.#config.secret.length > 0)
      headers[WEBHOOK_SIGNATURE_HEADER] = signWebhookBody(this.#config.secret, raw);
    const timeout = AbortSignal.timeout(this.#config.timeoutMs ?? 10_000);
    let response: Response;
    try {
      response = await fetch(this.#config.url, {
        method: 'POST',
        headers,
        body: raw,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      await response.arrayBuffer().catch(() => undefined);
    } catch (error) {
      throw new WebhookDeliveryError(undefined, describeFetchFailure(error));
    }
    if (!response.ok) throw new WebhookDeliveryError(response.status, 'non-2xx answer');
  }
}
