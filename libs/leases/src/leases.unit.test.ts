import { strictEqual, throws } from 'node:assert/strict';
import { DEFAULT_LEASE_CLASS, leaseKey, PostgresLeaseBackend } from './postgres-lease-backend.js';
import { SoloLeaseBackend } from './solo-lease-backend.js';

describe('lease keys and classes', () => {
  it('puts the class in the high 32 bits of the single bigint key', () => {
    strictEqual(leaseKey(DEFAULT_LEASE_CLASS, 5), '5782977424576741381');
    strictEqual(leaseKey(1, 0xffffffff), '8589934591');
  });

  it('position-actor keeps its class: PACT', () => {
    strictEqual(DEFAULT_LEASE_CLASS, 0x50414354);
  });

  it('refuses a class whose keys or presence locks would not fit', () => {
    for (const bad of [0, -1, 1.5, 0x7fffffff, Number.NaN])
      throws(() => new PostgresLeaseBackend({}, bad), RangeError, String(bad));
    new PostgresLeaseBackend({}, 0x7ffffffe);
  });
});

describe('SoloLeaseBackend', () => {
  it('grants every lock to its one holder, alone', async () => {
    const solo = new SoloLeaseBackend();
    await solo.connect();
    strictEqual(await solo.tryLock(0), true);
    strictEqual(await solo.tryLock(0), true);
    strictEqual(await solo.liveInstances(), 1);
    await solo.unlock(0);
    await solo.close();
  });
});
