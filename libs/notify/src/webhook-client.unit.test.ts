import { deepStrictEqual, rejects, strictEqual } from 'node:assert/strict';
import { FakeTelegram } from './testing/fake-telegram.js';
import { WebhookDeliveryError } from './errors.js';
import { signWebhookBody, WEBHOOK_SIGNATURE_HEADER, WebhookClient } from './webhook-client.js';

describe('WebhookClient', () => {
  const receiver = new FakeTelegram();
  const payload = {
    severity: 'urgent' as const,
    title: 'Loss limit breached',
    body: 'halted',
    dedupKey: 'loss-limit-breached',
    source: 'risk-guard',
    occurredAt: '2026-11-23T10:00:00.000Z',
  };
  beforeEach(async () => {
    receiver.requests.length = 0;
    await receiver.listen();
  });
  afterEach(() => receiver.close());

  it('posts the alert as JSON with an HMAC-SHA256 signature the receiver can verify', async () => {
    await new WebhookClient({ url: `${receiver.url}/hook`, secret: 's3cret' }).post(payload);
    const req = receiver.requests[0]!;
    deepStrictEqual(req.json, payload);
    strictEqual(req.headers[WEBHOOK_SIGNATURE_HEADER], signWebhookBody('s3cret', req.raw));
    strictEqual(signWebhookBody('other', req.raw) === req.headers[WEBHOOK_SIGNATURE_HEADER], false);
  });

  it('sends no signature without a secret, and fails typed on a non-2xx answer', async () => {
    receiver.answerNext({ kind: 'error', status: 503 });
    await rejects(new WebhookClient({ url: receiver.url }).post(payload), (e) => {
      strictEqual((e as WebhookDeliveryError).status, 503);
      return e instanceof WebhookDeliveryError;
    });
    strictEqual(receiver.requests[0]!.headers[WEBHOOK_SIGNATURE_HEADER], undefined);
  });
});
