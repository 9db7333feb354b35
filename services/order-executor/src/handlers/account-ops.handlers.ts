import { OpsError, type OpsHandlers } from '@hoga/bus';
import * as E from 'fp-ts/lib/Either.js';
import type { AccountWatch } from '../app/account-watch/account-watch.js';

/**
 * `hoga.ops.order-executor.*`: `account` (the findings, the foreign trades and the last holdings
 * check) and `ack` (an operator acknowledges one finding: who and why are recorded as an event;
 * refusals — blank reason, unknown finding, acknowledged by another command — change nothing).
 */
export function accountOps(
  watch: AccountWatch,
): Pick<OpsHandlers<'order-executor'>, 'account' | 'ack'> {
  return {
    account: (request) => Promise.resolve(watch.status(request.data.includeAcknowledged)),
    ack: async (request) => {
      const outcome = await watch.acknowledge(request);
      if (E.isLeft(outcome)) throw new OpsError(outcome.left.code, outcome.left.message);
      return { ok: true, finding: outcome.right };
    },
  };
}
