export type * from './bus.port.js';
