/**
 * `@hoga/market-feed/testing`: measuring code for `bench/`, not part of the service's runtime
 * (`.` exports only what runs in production; ADR 0061).
 */
export { measureTickThroughput, type TickThroughput } from './tick-throughput.js';
