/**
 * @hoga/dashboard-gateway — the control tower's server: live state down one WebSocket, history
 * and commands over HTTP, logs, the web app's files; sessions, roles, CSRF (ARCHITECTURE §11).
 */
export { start } from './service.js';
export type { GatewayConnections, GatewayOptions, GatewayService } from './service.js';
export type { GatewayContext, GatewayModule } from './app/gateway-context.js';
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
} from './app/auth/password-hash.js';
/** The API's typed description: the codecs the routes decode requests with (README). */
export { LoginBody, LoginQuery } from './app/auth/login.codec.js';
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
} from './app/live/live-protocol.js';
export * as historyRequests from './app/history/history-requests.codec.js';
export {
  CommandBody,
  ArmBody,
  RunBody,
  PositionParams,
  ReceiptParams,
} from './app/commands/command-body.codec.js';
export { LogsQuery } from './app/logs/logs-query.codec.js';
