export * from './load-config.js';
export * from './run-as-main.js';
export * from './price-sanity.config.js';
export * from './bounded-file.js';
export * from './dead-letter-limits.config.js';
export * from './log-limits.config.js';
export * from './env-integers.js';
export * from './connection-settings.js';
