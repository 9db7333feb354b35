import { opsRequest, requestOps, type Bus } from '@hoga/bus';
import * as E from 'fp-ts/lib/Either.js';

/** What risk-guard answered: the trading state now, or why it could not be changed. */
export type PolicyOutcome =
  | { readonly done: true; readonly tradingState: string }
  | { readonly done: false; readonly why: string };

/**
 * Carries out a finding's policy through risk-guard's own operator endpoints
 * (`hoga.ops.risk-guard.reduce|halt`), as the audited actor `order-executor:account-watch`, with
 * the command id `finding-<findingId>`, so the `risk` stream records who moved the state and
 * why, and a repeat changes nothing. REDUCING asked while HALTED is refused by risk-guard
 * (`conflict`): the account is already safer than asked, so that counts as done.
 */
export class TradingStateRequester {
  constructor(
    private readonly bus: Bus,
    private readonly timeoutMs = 5_000,
  ) {}

  async apply(
    action: 'reduce' | 'halt',
    findingId: string,
    reason: string,
  ): Promise<PolicyOutcome> {
    const request = opsRequest('risk-guard', action, {
      commandId: `finding-${findingId}`.replace(/[^\x21-\x7e]/g, '_').slice(0, 128),
      issuedBy: 'order-executor:account-watch',
      reason: reason.slice(0, 500),
    });
    if (E.isLeft(request)) return { done: false, why: request.left.message };
    try {
      const reply = await requestOps(this.bus, 'risk-guard', action, request.right, {
        timeoutMs: this.timeoutMs,
      });
      if (reply.ok) return { done: true, tradingState: reply.state };
      if (action === 'reduce' && reply.error.code === 'conflict')
        return { done: true, tradingState: 'HALTED' };
      return { done: false, why: `${reply.error.code}: ${reply.error.message}` };
    } catch (error) {
      return { done: false, why: error instanceof Error ? error.message : String(error) };
    }
  }
}
