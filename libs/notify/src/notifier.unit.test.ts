import { ok, strictEqual } from 'node:assert/strict';
import { eventually } from './testing/eventually.js';
import { FakeTelegram } from './testing/fake-telegram.js';
import { InMemoryAlertOutbox } from './in-memory-alert-outbox.js';
import { alertData, notifierFor, TOKEN } from './testing/notify.js';

describe('Notifier over the in-memory outbox', () => {
  const fake = new FakeTelegram();
  let outbox: InMemoryAlertOutbox;
  let n: ReturnType<typeof notifierFor>;

  beforeEach(async () => {
    fake.requests.length = 0;
    await fake.listen(0);
    outbox = new InMemoryAlertOutbox();
    n = notifierFor(fake, outbox);
    n.notifier.start();
  });
  afterEach(async () => {
    await n.notifier.stop();
    await fake.close();
  });

  it('delivers an alert once to each configured chat, escaped, in HTML parse mode', async () => {
    await n.notifier.enqueue(alertData('k1'));
    await eventually(() => fake.requests.length === 2);
    strictEqual(new Set(fake.requests.map((r) => r.json['chat_id'])).size, 2);
    for (const r of fake.requests) {
      strictEqual(r.json['parse_mode'], 'HTML');
      ok((r.json['text'] as string).includes('&lt;of&gt; 10,000,000 KRW &amp; liquidating'));
      ok((r.json['text'] as string).startsWith('🚨'));
    }
    await eventually(async () => (await outbox.list()).every((r) => r.sentAt !== null));
  });

  it('delivers an alert raised twice with the same dedupKey once per chat', async () => {
    strictEqual(await n.notifier.enqueue(alertData('dup')), 2);
    strictEqual(await n.notifier.enqueue(alertData('dup', 'again')), 0);
    await eventually(async () => (await outbox.list()).every((r) => r.sentAt !== null));
    await n.notifier.enqueue(alertData('after'));
    await eventually(() => fake.requests.length === 4);
    strictEqual(
      fake.requests.filter((r) => (r.json['text'] as string).includes('again')).length,
      0,
    );
  });

  it('retries after Telegram says 429 retry_after, not before', async () => {
    fake.answerNext({ kind: 'error', status: 429, retryAfter: 1 });
    await n.notifier.enqueue(alertData('rl'));
    await eventually(() => fake.requests.length === 3);
    const [limited, , retried] = [...fake.requests].sort((a, b) => a.receivedAt - b.receivedAt);
    strictEqual(retried!.json['chat_id'], limited!.json['chat_id']);
    ok(retried!.receivedAt - limited!.receivedAt >= 1000);
    // the third request is received before its answer is back and the row marked sent
    await eventually(async () => (await outbox.list()).every((r) => r.sentAt !== null));
    const rows = await outbox.list();
    ok(rows.some((r) => r.attempts === 2 && r.lastError === null));
  });

  it('returns from enqueue while a delivery hangs', async () => {
    fake.answerNext({ kind: 'hang' });
    await n.notifier.enqueue(alertData('first'));
    await eventually(() => fake.hangingCount === 1);
    strictEqual(await n.notifier.enqueue(alertData('second')), 2);
    strictEqual(fake.hangingCount, 1, 'enqueue returned while the first delivery still hung');
    fake.release();
    await eventually(() => fake.requests.length === 4);
  });

  it('never puts the token in a log record', async () => {
    fake.answerNext({ kind: 'error', status: 500 }, { kind: 'error', status: 429, retryAfter: 1 });
    await n.notifier.enqueue(alertData('log'));
    await eventually(
      () => n.sink.records.filter((r) => r.msg === 'alert delivery failed').length >= 2,
    );
    await fake.close();
    await eventually(() => n.sink.records.some((r) => JSON.stringify(r).includes('ECONNREFUSED')));
    for (const r of n.sink.records) ok(!JSON.stringify(r).includes(TOKEN), JSON.stringify(r));
    for (const r of await outbox.list()) ok(!String(r.lastError).includes(TOKEN));
  });
});
