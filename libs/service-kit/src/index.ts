export * from './service-connections.js';
