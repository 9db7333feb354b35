/**
 * Operator commands over HTTP: one command id per click (reused only by a retry of that click),
 * the session's CSRF token, a `traceparent` when Faro is on (each command its own trace), and the
 * receipt followed from `sent` to `done` on the `commands` channel.
 */
import { createStore } from 'solid-js/store';
import { apiErrorMessage, message, type Message } from './i18n/message.js';
import { tracedCommand } from './observability/observability.js';
import { toLogin, type Session } from './session.js';

export type PositionVerb = 'close' | 'pause' | 'resume' | 'retry-close' | 'dismiss';
export type ReceiptStatus =
  'sending' | 'sent' | 'accepted' | 'denied' | 'done' | 'timeout' | 'failed';

export interface Receipt {
  readonly commandId: string;
  readonly command: string;
  readonly positionId: string | null;
  readonly status: ReceiptStatus;
  /** Why it was refused or failed, as a message key (translated when shown). */
  readonly error: Message | null;
  readonly at: number;
}

const [local, setLocal] = createStore<Record<string, Receipt>>({});
export { local as localReceipts };

/** A new command id: made when the operator opens a confirmation, once per click. */
export const newCommandId = (): string => crypto.randomUUID();

/** How far a receipt has come: a later report never moves it back (`sent` after `accepted`). */
const RANK: Readonly<Record<ReceiptStatus, number>> = {
  sending: 0,
  sent: 1,
  accepted: 2,
  denied: 2,
  failed: 2,
  done: 3,
  timeout: 3,
};
const isStatus = (u: unknown): u is ReceiptStatus =>
  typeof u === 'string' && Object.hasOwn(RANK, u) && u !== 'sending' && u !== 'failed';

/**
 * The receipt to show for `mine` (the page's own, from the HTTP answer) and `theirs` (the
 * gateway's, from the `commands` channel): whichever has come further, the refusal's reason
 * from either.
 */
export function mergeReceipt(mine: Receipt, theirs: unknown): Receipt {
  if (typeof theirs !== 'object' || theirs === null) return mine;
  const live = theirs as Record<string, unknown>;
  if (!isStatus(live['status']) || RANK[live['status']] < RANK[mine.status]) return mine;
  const error =
    typeof live['error'] === 'object' && live['error'] !== null
      ? apiErrorMessage(live['error'])
      : mine.error;
  return { ...mine, status: live['status'], error };
}

/** The receipt to show: the page's own merged with the gateway's (live channel) when it has one. */
export function receiptOf(commandId: string, live: Record<string, unknown>): Receipt | undefined {
  const mine = local[commandId];
  return mine === undefined ? undefined : mergeReceipt(mine, live[commandId]);
}

/** Sends `verb` for a position once; the receipt is in `localReceipts` at once. */
export function sendPositionCommand(
  session: Session,
  positionId: string,
  verb: PositionVerb,
  commandId: string,
  reason: string,
): Promise<void> {
  const reasonOrNull = reason.trim() === '' ? null : reason.trim();
  return send(
    session,
    `/api/positions/${encodeURIComponent(positionId)}/${verb}`,
    { commandId, command: `position.${verb}`, positionId },
    { commandId, reason: reasonOrNull },
  );
}

export type RiskVerb = 'halt' | 'reduce' | 'resume' | 'arm' | 'disarm';

/** Sends a risk command once (a reason is required; `arm` also takes `ratePct`). */
export function sendRiskCommand(
  session: Session,
  verb: RiskVerb,
  commandId: string,
  reason: string,
  ratePct?: string,
): Promise<void> {
  return send(
    session,
    `/api/risk/${verb}`,
    { commandId, command: `risk.${verb}`, positionId: null },
    { commandId, reason: reason.trim(), ...(verb === 'arm' ? { ratePct } : {}) },
  );
}

async function send(
  session: Session,
  path: string,
  what: { commandId: string; command: string; positionId: string | null },
  body: Record<string, unknown>,
): Promise<void> {
  const { commandId } = what;
  if (local[commandId] !== undefined && local[commandId].status !== 'failed') return;
  setLocal(commandId, { ...what, error: null, status: 'sending', at: Date.now() });
  try {
    const response = await tracedCommand(what.command, { commandId }, () =>
      fetch(path, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify(body),
      }),
    );
    if (response.status === 401) toLogin();
    const answer = (await response.json().catch(() => undefined)) as
      { status?: string; error?: unknown } | undefined;
    if (response.ok) setLocal(commandId, { status: 'accepted', at: Date.now() });
    else
      setLocal(commandId, {
        status: response.status === 503 ? 'failed' : 'denied',
        error: apiErrorMessage(answer?.error, response.status),
        at: Date.now(),
      });
  } catch (e) {
    setLocal(commandId, { status: 'failed', error: networkError(e), at: Date.now() });
  }
}

/** A field the gateway refused in a request (`error.fields` of its 400). */
export interface FieldError {
  readonly field: string;
  readonly expected: string;
}

/** What running a strategy came to: the position opened, or the gateway's refusal. */
export type RunOutcome =
  | { readonly kind: 'accepted'; readonly positionId: string }
  | {
      readonly kind: 'refused';
      readonly message: Message;
      readonly fields: readonly FieldError[];
    };

const networkError = (e: unknown): Message =>
  message('errors.network', { detail: e instanceof Error ? e.message : String(e) });

const isFieldError = (u: unknown): u is FieldError =>
  typeof u === 'object' &&
  u !== null &&
  typeof (u as Record<string, unknown>)['field'] === 'string' &&
  typeof (u as Record<string, unknown>)['expected'] === 'string';

/**
 * Runs a strategy (`POST /api/strategies`) once for `commandId`: the spec as YAML or JSON text,
 * checked by the gateway as `hoga strategy run` checks a file; a 400 names each bad field.
 */
export async function sendStrategy(
  session: Session,
  commandId: string,
  spec: string,
  reason: string,
): Promise<RunOutcome> {
  const what = { commandId, command: 'strategy.run', positionId: null };
  setLocal(commandId, { ...what, error: null, status: 'sending', at: Date.now() });
  try {
    const response = await tracedCommand(what.command, { commandId }, () =>
      fetch('/api/strategies', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({
          commandId,
          spec,
          reason: reason.trim() === '' ? null : reason.trim(),
        }),
      }),
    );
    if (response.status === 401) toLogin();
    const answer = (await response.json().catch(() => undefined)) as
      { positionId?: unknown; error?: { fields?: unknown } } | undefined;
    if (response.ok && typeof answer?.positionId === 'string') {
      setLocal(commandId, { status: 'accepted', positionId: answer.positionId, at: Date.now() });
      return { kind: 'accepted', positionId: answer.positionId };
    }
    const refusal = apiErrorMessage(answer?.error, response.status);
    const fields = Array.isArray(answer?.error?.fields)
      ? answer.error.fields.filter(isFieldError)
      : [];
    setLocal(commandId, {
      status: response.status === 503 ? 'failed' : 'denied',
      error: refusal,
      at: Date.now(),
    });
    return { kind: 'refused', message: refusal, fields };
  } catch (e) {
    const failure = networkError(e);
    setLocal(commandId, { status: 'failed', error: failure, at: Date.now() });
    return { kind: 'refused', message: failure, fields: [] };
  }
}
