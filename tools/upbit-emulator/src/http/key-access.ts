import type { Scope } from '../exchange/account.js';
import { exchangeError, type ExchangeError } from '../exchange/exchange-error.js';

/** What happened to an API key, as Upbit would answer for it. */
export type KeyStatus = 'ok' | 'revoked' | 'expired' | 'ip-not-allowed';

/** The access of one key: its status and whether it may place and cancel orders. */
export interface KeyAccessSettings {
  readonly key: KeyStatus;
  /** `no_authorization_i_p`, the older spelling Upbit is known to send, instead of `no_authorization_ip`. */
  readonly oldIpSpelling: boolean;
  /** false: order writes (`POST /v1/orders`, the order test, cancels) answer 403 `out_of_scope`. */
  readonly orderPermission: boolean;
}

/** A key as issued: valid, every permission. */
export const KEY_OK: KeyAccessSettings = { key: 'ok', oldIpSpelling: false, orderPermission: true };

/**
 * Run-time changes to API keys (the admin knobs "revoke", "expire", "remove the order
 * permission", "restore"): checked after the JWT itself verified, on REST and at the private
 * WebSocket upgrade. A key with no entry is as issued.
 */
export class KeyAccess {
  readonly #keys = new Map<string, KeyAccessSettings>();

  /** The settings of a key now. */
  get(accessKey: string): KeyAccessSettings {
    return this.#keys.get(accessKey) ?? KEY_OK;
  }

  /** Merges a change into a key's settings; returns the result. */
  update(accessKey: string, patch: Partial<KeyAccessSettings>): KeyAccessSettings {
    const next = { ...this.get(accessKey), ...patch };
    this.#keys.set(accessKey, next);
    return next;
  }

  /** Every key as issued again. */
  clear(): void {
    this.#keys.clear();
  }

  /**
   * Upbit's answer for a verified key that needs `scope`, or undefined when it may go on:
   * 401 `invalid_access_key` (revoked), `expired_access_key`, `no_authorization_ip`, or 403
   * `out_of_scope` for an order write without the order permission.
   */
  refusal(accessKey: string, scope: Scope | undefined): ExchangeError | undefined {
    const s = this.get(accessKey);
    if (s.key === 'revoked') return exchangeError(401, 'invalid_access_key', 'access key revoked');
    if (s.key === 'expired') return exchangeError(401, 'expired_access_key', 'access key expired');
    if (s.key === 'ip-not-allowed')
      return exchangeError(
        401,
        s.oldIpSpelling ? 'no_authorization_i_p' : 'no_authorization_ip',
        'this IP is not on the key allow-list',
      );
    if (scope === 'orders:write' && !s.orderPermission)
      return exchangeError(403, 'out_of_scope', 'this key lacks the orders:write permission');
    return undefined;
  }
}
