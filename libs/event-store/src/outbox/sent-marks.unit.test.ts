import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { SentMarks } from './sent-marks.js';

/** A mark statement that waits until the test lets it finish (or fail). */
class HeldMarks {
  readonly calls: string[][] = [];
  readonly #pending: { resolve: () => void; reject: (e: Error) => void }[] = [];

  readonly mark = (ids: readonly string[]): Promise<void> => {
    this.calls.push([...ids]);
    return new Promise((resolve, reject) => this.#pending.push({ resolve, reject }));
  };

  release(): void {
    this.#pending.shift()?.resolve();
  }

  fail(): void {
    this.#pending.shift()?.reject(new Error('database gone'));
  }
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('SentMarks', () => {
  it('writes at once, and puts ids that arrive meanwhile into one next statement', async () => {
    const held = new HeldMarks();
    const marks = new SentMarks(held.mark, () => undefined);
    marks.add(['a']);
    marks.add(['b']);
    marks.add(['c', 'd']);
    deepStrictEqual(held.calls, [['a']]);
    held.release();
    await turn();
    deepStrictEqual(held.calls, [['a'], ['b', 'c', 'd']]);
    let settled = false;
    void marks.settled().then(() => (settled = true));
    await turn();
    strictEqual(settled, false, 'settled waits for the statement in flight');
    held.release();
    await marks.settled();
    strictEqual(settled, true);
  });

  it('reports a failed statement and goes on with the ids that came after it', async () => {
    const held = new HeldMarks();
    const errors: unknown[] = [];
    const marks = new SentMarks(held.mark, (e) => errors.push(e));
    marks.add(['a']);
    marks.add(['b']);
    held.fail();
    await turn();
    strictEqual(errors.length, 1);
    deepStrictEqual(held.calls, [['a'], ['b']]);
    held.release();
    await marks.settled();
    strictEqual(errors.length, 1);
  });

  it('adds nothing for no ids, and is settled when idle', async () => {
    const held = new HeldMarks();
    const marks = new SentMarks(held.mark, () => undefined);
    marks.add([]);
    await marks.settled();
    deepStrictEqual(held.calls, []);
  });
});
