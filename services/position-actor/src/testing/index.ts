/**
 * `@hoga/position-actor/testing`: measuring code for `bench/`, not part of the service's runtime
 * (`.` exports only what runs in production; ADR 0061).
 */
export { measureRestart, type RestartMeasurement } from './measure-restart.js';
/** The service on resolved options (every knob, no config loading): tests and benches. */
export { startService } from '../service.js';
