import { Ledger } from './ledger.js';

/** A permission of an API key: view balances, view orders, place/cancel orders. */
export type Scope = 'accounts' | 'orders:read' | 'orders:write';
/** A key with every permission (the default). */
export const ALL_SCOPES: readonly Scope[] = ['accounts', 'orders:read', 'orders:write'];

/** An exchange account behind one API key pair. */
export interface Account {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly ledger: Ledger;
  readonly scopes: ReadonlySet<Scope>;
  /** When set, requests from other IPs fail with `no_authorization_ip`. */
  readonly allowedIps: readonly string[] | undefined;
  /** When set (ms), requests after it fail with `expired_access_key`. */
  readonly expiresAt: number | undefined;
  /** Every JWT nonce this key has used (reuse -> `nonce_used`). */
  readonly nonces: Set<string>;
  /** Every order identifier this account has sent, accepted or not (reuse -> rejected). */
  readonly identifiers: Set<string>;
}

/** What is needed to open an account. */
export interface AccountSpec {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly scopes?: readonly Scope[];
  readonly allowedIps?: readonly string[];
  readonly expiresAt?: number;
}

/** A fresh account with empty balances. */
export function openAccount(spec: AccountSpec): Account {
  return {
    accessKey: spec.accessKey,
    secretKey: spec.secretKey,
    ledger: new Ledger(),
    scopes: new Set(spec.scopes ?? ALL_SCOPES),
    allowedIps: spec.allowedIps,
    expiresAt: spec.expiresAt,
    nonces: new Set(),
    identifiers: new Set(),
  };
}
