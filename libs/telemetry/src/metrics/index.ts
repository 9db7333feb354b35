export * from './catalog.js';
export * from './health.js';
export * from './instruments.js';
export * from './metrics-listener.js';
export * from './metrics.settings.js';
export * from './process-metrics.js';
export type { Meter } from '@opentelemetry/api';
