export * from './infrastructure.js';
export * from './docker-engine.js';
export * from './isolation.js';
export * from './given-when-then.js';
export * from './eventually.js';
export * from './prometheus-text.js';
export * from './otlp/index.js';
export * from './nats-server-process.js';
