import type { EventStore } from '../event-store.port.js';
import { appendContract } from './contract/append.contract.js';
import { expectedVersionContract } from './contract/expected-version.contract.js';
import { readAllContract } from './contract/read-all.contract.js';
import { subscribeContract } from './contract/subscribe.contract.js';
import { outboxContract } from './contract/outbox.contract.js';
import { snapshotContract } from './contract/snapshot.contract.js';
import { hashChainContract } from './contract/hash-chain.contract.js';
import { appendEachContract } from './contract/append-each.contract.js';

/** A store under test and how to dispose of it (drop its schema, close its pool). */
export interface StoreUnderTest {
  readonly store: EventStore;
  dispose(): Promise<void>;
}

/**
 * The behaviour every `EventStore` implementation must show, as a mocha suite: call it from an
 * implementation's test file with a function that opens a fresh, empty store for each test.
 */
export function eventStoreContract(name: string, open: () => Promise<StoreUnderTest>): void {
  describe(`EventStore contract: ${name}`, () => {
    let current: StoreUnderTest | undefined;
    const store = (): EventStore => {
      if (!current) throw new Error('no store open');
      return current.store;
    };
    beforeEach(async () => {
      current = await open();
    });
    afterEach(async () => {
      await current?.dispose();
      current = undefined;
    });

    describe('append and read a stream', () => appendContract(store));
    describe('expected version', () => expectedVersionContract(store));
    describe('read all', () => readAllContract(store));
    describe('catch-up subscription', () => subscribeContract(store));
    describe('outbox', () => outboxContract(store));
    describe('snapshots', () => snapshotContract(store));
    describe('hash chain', () => hashChainContract(store));
    describe('append one event to each of several streams', () => appendEachContract(store));
  });
}
