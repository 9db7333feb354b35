export { serveOps, opsServiceName } from './serve-ops.js';
export { OpsError, isOpsError } from './ops-error.js';
export type {
  OpsHandler,
  OpsHandlers,
  OpsMeta,
  OpsServer,
  ServeOpsOptions,
} from './ops-handlers.js';
export { opsRequest, requestOps } from './request-ops.js';
export type { OpsRequestOf, OpsReplyOf } from './ops-types.js';
