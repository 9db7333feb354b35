/**
 * @hoga/dashboard-gateway — the control tower's server: live state down one WebSocket, history
 * and commands over HTTP, logs, the web app's files; sessions, roles, CSRF (ARCHITECTURE §11).
 */
export { start } from './service.js';
export type { GatewayConnections, GatewayOptions, GatewayService } from './service.js';
export type { GatewayContext, GatewayModule } from './gateway-context.js';
export {
  DashboardGatewayConfig,
  GatewaySettings,
  GATEWAY_DEFAULTS,
  DEFAULT_CONFIG,
  loadGatewayConfig,
} from './config.js';
export {
  hashPassword,
  verifyPassword,
  parsePasswordHash,
  DEFAULT_SCRYPT_COST,
  MAX_PASSWORD_CHARS,
  type ScryptCost,
} from './auth/password-hash.js';
/** The API's typed description: the codecs the routes decode requests with (README). */
export { LoginBody, LoginQuery } from './auth/login.codec.js';
export {
  ClientMessage,
  SubscribeMessage,
  UnsubscribeMessage,
  PingMessage,
  TOO_SLOW,
  SESSION_ENDED,
  type ServerFrame,
  type LiveErrorCode,
  type ResyncReason,
} from './live/live-protocol.js';
export * as historyRequests from './history/history-requests.codec.js';
export {
  CommandBody,
  ArmBody,
  RunBody,
  PositionParams,
  ReceiptParams,
} from './commands/command-body.codec.js';
export { LogsQuery } from './logs/logs-query.codec.js';
