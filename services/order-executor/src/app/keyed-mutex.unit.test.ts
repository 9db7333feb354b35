import { deepEqual, rejects } from 'node:assert/strict';
import { KeyedMutex } from './keyed-mutex.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedMutex', () => {
  it('runs work of one key one at a time, in call order; other keys run alongside', async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const job = (name: string) => async () => {
      log.push(`${name}:start`);
      await tick();
      log.push(`${name}:end`);
    };
    await Promise.all([
      mutex.run('a', job('a1')),
      mutex.run('a', job('a2')),
      mutex.run('b', job('b1')),
    ]);
    deepEqual(
      log.filter((l) => l.startsWith('a')),
      ['a1:start', 'a1:end', 'a2:start', 'a2:end'],
    );
    deepEqual(log.slice(0, 2), ['a1:start', 'b1:start']);
  });

  it('a failure reaches its caller and does not block the next', async () => {
    const mutex = new KeyedMutex();
    await rejects(
      mutex.run('a', () => Promise.reject(new Error('boom'))),
      /boom/,
    );
    deepEqual(await mutex.run('a', () => Promise.resolve('next')), 'next');
  });
});
