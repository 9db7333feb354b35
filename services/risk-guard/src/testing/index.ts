/**
 * `@hoga/risk-guard/testing`: measuring code for `bench/`, not part of the service's runtime
 * (`.` exports only what runs in production; ADR 0061).
 */
export { measureBreachDetection, type BreachTiming } from './measure-breach.js';
/** The service on resolved options (every knob, no config loading): tests and benches. */
export { startService } from '../service.js';
