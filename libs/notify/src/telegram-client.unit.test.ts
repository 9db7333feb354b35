import { deepStrictEqual, ok, rejects, strictEqual } from 'node:assert/strict';
import { FakeTelegram } from './testing/fake-telegram.js';
import { TelegramClient } from './telegram-client.js';
import { TOKEN } from './testing/notify.js';
import {
  TelegramChatNotAllowedError,
  TelegramRateLimitedError,
  TelegramUnavailableError,
} from './errors.js';

const noToken = (e: unknown): true => {
  ok(e instanceof Error);
  ok(!e.message.includes(TOKEN) && !e.message.includes('SECRET'), e.message);
  ok(!String(e.stack).includes(TOKEN));
  return true;
};

describe('TelegramClient against a fake Bot API', () => {
  const fake = new FakeTelegram();
  let client: TelegramClient;

  beforeEach(async () => {
    fake.requests.length = 0;
    client = new TelegramClient({
      token: TOKEN,
      chatIds: ['111', '-222'],
      baseUrl: await fake.listen(),
    });
  });
  afterEach(() => fake.close());

  it('posts sendMessage with HTML parse mode to the configured chat', async () => {
    await client.sendMessage('-222', '<b>hi</b>');
    strictEqual(fake.requests.length, 1);
    strictEqual(fake.requests[0]!.path, `/bot${TOKEN}/sendMessage`);
    deepStrictEqual(fake.requests[0]!.json, {
      chat_id: '-222',
      text: '<b>hi</b>',
      parse_mode: 'HTML',
      disable_web_page_preview: true,
    });
  });

  it('never sends to a chat that is not configured', async () => {
    await rejects(client.sendMessage('999', 'x'), TelegramChatNotAllowedError);
    strictEqual(fake.requests.length, 0);
  });

  it('splits a long text into messages of at most 4096 characters', async () => {
    const text = Array.from({ length: 250 }, (_, i) => `${i} ${'z'.repeat(50)}`).join('\n');
    await client.sendMessage('111', text);
    ok(fake.requests.length >= 4);
    for (const r of fake.requests) ok((r.json['text'] as string).length <= 4096);
    strictEqual(fake.requests.map((r) => r.json['text']).join('\n'), text);
  });

  it('turns 429 into TelegramRateLimitedError with retry_after in ms', async () => {
    fake.answerNext({ kind: 'error', status: 429, retryAfter: 3 });
    await rejects(client.sendMessage('111', 'x'), (e) => {
      ok(e instanceof TelegramRateLimitedError);
      strictEqual(e.retryAfterMs, 3000);
      return noToken(e);
    });
  });

  it('turns 500 and a refused connection into TelegramUnavailableError without the token', async () => {
    fake.answerNext({ kind: 'error', status: 500 });
    await rejects(
      client.sendMessage('111', 'x'),
      (e) => e instanceof TelegramUnavailableError && noToken(e),
    );
    await fake.close();
    await rejects(client.sendMessage('111', 'x'), (e) => {
      ok(e instanceof TelegramUnavailableError);
      ok(e.message.includes('ECONNREFUSED'), e.message);
      strictEqual(e.cause, undefined);
      return noToken(e);
    });
  });
});
