export * from './route.js';
export * from './envelope.js';
