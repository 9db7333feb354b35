export * from './logger.js';
export * from './bounded-fields.js';
export * from './stream-guard.js';
export * from './metrics/index.js';
export * from './tracing/index.js';
