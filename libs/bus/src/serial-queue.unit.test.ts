import { deepStrictEqual, ok } from 'node:assert/strict';
import { SerialQueue } from './serial-queue.js';

describe('serial queue', () => {
  it('runs tasks one at a time in order, never inside push, and drains', async () => {
    const errors: unknown[] = [];
    const queue = new SerialQueue((e) => errors.push(e));
    const log: string[] = [];
    let running = 0;
    for (let i = 0; i < 5; i++) {
      queue.push(async () => {
        running += 1;
        ok(running === 1);
        log.push(`start ${i}`);
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`end ${i}`);
        running -= 1;
      });
    }
    deepStrictEqual(log, []);
    await queue.drain();
    deepStrictEqual(
      log,
      [0, 1, 2, 3, 4].flatMap((i) => [`start ${i}`, `end ${i}`]),
    );
    deepStrictEqual(errors, []);
  });

  it('reports a failing task and goes on with the next', async () => {
    const errors: unknown[] = [];
    const queue = new SerialQueue((e) => errors.push(e));
    const done: number[] = [];
    queue.push(() => {
      throw new Error('boom');
    });
    queue.push(() => void done.push(2));
    await queue.drain();
    deepStrictEqual(done, [2]);
    deepStrictEqual(
      errors.map((e) => (e as Error).message),
      ['boom'],
    );
  });

  it('keeps order across thousands of tasks', async () => {
    const queue = new SerialQueue(() => undefined);
    const seen: number[] = [];
    for (let i = 0; i < 5000; i++) queue.push(() => void seen.push(i));
    await queue.drain();
    deepStrictEqual(
      seen,
      Array.from({ length: 5000 }, (_, i) => i),
    );
  });
});
