import { equal } from 'node:assert/strict';
import { deferred } from '@hoga/testkit';
import type { UpbitAccount } from '@hoga/upbit';
import { AccountBook } from './account-book.js';

/** A gateway whose `GET /v1/accounts` answers only when the test says so. */
function heldGateway() {
  const reads: Array<ReturnType<typeof deferred<readonly UpbitAccount[]>>> = [];
  return {
    reads,
    gateway: {
      balances: () => {
        const read = deferred<readonly UpbitAccount[]>();
        reads.push(read);
        return read.promise;
      },
    },
  };
}

const before: readonly UpbitAccount[] = [];
const after: readonly UpbitAccount[] = [];
const now = () => new Date(1_000_000);

describe('AccountBook', () => {
  it('shares one read between concurrent readers, and reuses it within the TTL', async () => {
    const { reads, gateway } = heldGateway();
    const book = new AccountBook(gateway, 2_000, now);
    const [x, y] = [book.balances(), book.balances()];
    equal(reads.length, 1);
    reads[0]!.resolve(before);
    equal(await x, before);
    equal(await y, before);
    equal(await book.balances(), before);
    equal(reads.length, 1);
  });

  it('never hands a reader after an invalidation a read that started before it', async () => {
    const { reads, gateway } = heldGateway();
    const book = new AccountBook(gateway, 2_000, now);
    const early = book.balances(); // e.g. an exit's check, still waiting for Upbit
    book.invalidate(); // an entry was accepted: its KRW is locked now
    const late = book.balances(); // the next entry's check
    equal(reads.length, 2, 'the late reader asks Upbit again');
    const alsoLate = book.balances();
    equal(reads.length, 2, 'readers after the invalidation share the new read');
    reads[0]!.resolve(before);
    reads[1]!.resolve(after);
    equal(await early, before);
    equal(await late, after);
    equal(await alsoLate, after);
    equal(await book.balances(), after, 'only the read after the invalidation is cached');
    equal(reads.length, 2);
  });
});
