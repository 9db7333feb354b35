import type { ApiErrorCode } from '../../adapters/http/api-error.js';

/** Every command the gateway sends: `<area>.<verb>`. */
export type CommandName =
  | 'strategy.run'
  | 'position.close'
  | 'position.pause'
  | 'position.resume'
  | 'position.retry-close'
  | 'position.dismiss'
  | 'risk.halt'
  | 'risk.reduce'
  | 'risk.resume'
  | 'risk.arm'
  | 'risk.disarm';

/**
 * Where a command is: `sent` (on its way to the service), then `accepted` (the service said
 * yes) or `denied` (it said no, or nobody answered: `error` says which), then after `accepted`
 * `done` (the stored event that carries the command id is seen: `event`) or `timeout` (no such
 * event within the wait: the effect was not seen, see ADR 0041).
 */
export type ReceiptStatus = 'sent' | 'accepted' | 'denied' | 'done' | 'timeout';

/** The stored event that shows a command's effect. */
export interface ReceiptEvent {
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly recordedAt: string;
}

/** A command receipt, as pushed on the `commands` channel and answered by `GET /api/commands/:id`. */
export interface CommandReceipt {
  readonly commandId: string;
  readonly command: CommandName;
  /** The position commanded (for `strategy.run`: the one opened, once accepted); null for risk. */
  readonly positionId: string | null;
  /** Who sent it: the session's user (`dashboard:alice`). */
  readonly issuedBy: string;
  readonly status: ReceiptStatus;
  /** When the command was sent. */
  readonly sentAt: string;
  /** When it reached `status`. */
  readonly at: string;
  /** The trace the command travels in (the `traceparent`'s trace id). */
  readonly traceId: string;
  /** The service's answer (accepted and after): the reply's data, decimals as strings. */
  readonly reply?: Readonly<Record<string, unknown>>;
  /** Why it was denied. */
  readonly error?: { readonly code: ApiErrorCode; readonly message: string };
  readonly event?: ReceiptEvent;
}
