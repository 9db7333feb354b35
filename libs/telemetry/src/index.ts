export * from './logger.js';
export * from './bounded-fields.js';
