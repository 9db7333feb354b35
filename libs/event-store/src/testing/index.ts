/**
 * `@hoga/event-store/testing`: the contract suite every `EventStore` implementation must pass
 * (mocha; it uses fast-check, a dev dependency), not part of the runtime export (ADR 0061).
 */
export { eventStoreContract, type StoreUnderTest } from './event-store.contract.js';
