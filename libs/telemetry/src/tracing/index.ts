export * from './tracing-config.js';
export * from './order-keeping-sampler.js';
export * from './span-attributes.js';
export * from './spans.js';
export * from './start-tracing.js';
export * from './message-spans.js';
export * from './start-from-env.js';
export * from './counting-exporter.js';
