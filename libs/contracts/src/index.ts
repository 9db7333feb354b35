export * from './route.js';
export * from './envelope.js';
export * from './position-events.codec.js';
