/** `@hoga/all-in-one`: every service in one process on embedded defaults (`npm start`). */
export { startEngine, type Engine } from './engine.js';
export { homeOf, type HogaHome } from './home-dir.js';
export { pickPort, PREFERRED_PORTS } from './ports.js';
export { runtimeFileOf, type EngineRuntimeFile } from './runtime-file.js';
