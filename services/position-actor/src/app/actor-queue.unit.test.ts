import { deepStrictEqual } from 'node:assert/strict';
import { ActorQueue } from './actor-queue.js';

describe('ActorQueue', () => {
  it('runs work one at a time in order, and a queued tick is replaced by a later one', async () => {
    const queue = new ActorQueue();
    const ran: string[] = [];
    let active = 0;
    const work = (name: string) => async () => {
      active += 1;
      deepStrictEqual(active, 1);
      await new Promise((r) => setTimeout(r, 1));
      ran.push(name);
      active -= 1;
    };
    const all = [
      queue.push(work('order-1')),
      queue.push(work('tick-1'), true),
      queue.push(work('command')),
      queue.push(work('tick-2'), true),
      queue.push(work('tick-3'), true),
    ];
    await Promise.all(all);
    deepStrictEqual(ran, ['order-1', 'tick-3', 'command']);
  });

  it('rejects the waiters of failed work and carries on', async () => {
    const queue = new ActorQueue();
    const failed = queue.push(() => Promise.reject(new Error('boom')));
    const next = queue.push(async () => {});
    await failed.then(
      () => Promise.reject(new Error('expected a rejection')),
      () => undefined,
    );
    await next;
  });
});
