export * from './decimal.js';
export * from './decimal.codec.js';
export * from './money.js';
export * from './tick-grid.js';
export * from './ids.js';
export * from './decode.js';
export * from './bounded-text.js';
export * from './tick-admission.js';
