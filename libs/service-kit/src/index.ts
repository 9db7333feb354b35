export * from './service-connections.js';
export * from './start-service.js';
