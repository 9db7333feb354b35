import { deepStrictEqual, equal, rejects, throws } from 'node:assert/strict';
import { ApiError } from '../../adapters/http/api-error.js';
import { ReplyCache, type CommandAnswer } from './reply-cache.js';

const answer = (status: number, final = true): CommandAnswer => ({
  status,
  body: { status },
  final,
});

describe('ReplyCache', () => {
  it('answers a repeat, even one sent while the first is under way, without sending again', async () => {
    const cache = new ReplyCache(10);
    let sent = 0;
    let release!: (a: CommandAnswer) => void;
    const send = () => {
      sent += 1;
      return new Promise<CommandAnswer>((resolve) => (release = resolve));
    };
    const first = cache.answer('c1', 'f', send);
    const second = cache.answer('c1', 'f', send);
    release(answer(200));
    deepStrictEqual(await Promise.all([first, second]), [answer(200), answer(200)]);
    deepStrictEqual(await cache.answer('c1', 'f', send), answer(200));
    equal(sent, 1);
  });

  it('keeps a final refusal but forgets an answer that says nothing of the effect', async () => {
    const cache = new ReplyCache(10);
    let sent = 0;
    const send = (a: CommandAnswer) => () => ((sent += 1), Promise.resolve(a));
    await cache.answer('denied', 'f', send(answer(409)));
    await cache.answer('denied', 'f', send(answer(200)));
    await cache.answer('lost', 'f', send(answer(503, false)));
    await new Promise((r) => setImmediate(r));
    deepStrictEqual(await cache.answer('lost', 'f', send(answer(200))), answer(200));
    equal(sent, 3);
  });

  it('forgets a command whose sending failed, so a retry sends it', async () => {
    const cache = new ReplyCache(10);
    await rejects(cache.answer('c', 'f', () => Promise.reject(new Error('boom'))));
    await new Promise((r) => setImmediate(r));
    deepStrictEqual(await cache.answer('c', 'f', () => Promise.resolve(answer(200))), answer(200));
  });

  it('refuses the same id for another command as a conflict', async () => {
    const cache = new ReplyCache(10);
    await cache.answer('c', 'close p1', () => Promise.resolve(answer(200)));
    throws(
      () => cache.answer('c', 'close p2', () => Promise.resolve(answer(200))),
      (e: unknown) => e instanceof ApiError && e.code === 'conflict',
    );
  });

  it('remembers at most its capacity, the oldest forgotten first', async () => {
    const cache = new ReplyCache(2);
    for (const id of ['a', 'b', 'c'])
      await cache.answer(id, 'f', () => Promise.resolve(answer(200)));
    equal(cache.size, 2);
    let sent = 0;
    await cache.answer('a', 'f', () => ((sent += 1), Promise.resolve(answer(200))));
    await cache.answer('c', 'f', () => ((sent += 1), Promise.resolve(answer(200))));
    equal(sent, 1, 'a was forgotten, c was not');
  });
});
