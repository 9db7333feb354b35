import { OpsError, type OpsHandlers } from '@hoga/bus';
import type { OperatorCommand, RiskLeader } from '@hoga/contracts';
import * as E from 'fp-ts/lib/Either.js';
import type { RiskGuard } from '../app/risk-guard.js';
import type { CommandOutcome, GuardRefusal } from '../app/risk-writer.js';
import { transitionsView } from '../domain/risk-view.js';

/** The ops error code of a refusal: bad audit fields and rates are bad requests. */
function refusal(r: GuardRefusal): OpsError {
  switch (r.code) {
    case 'missing-audit-field':
    case 'invalid-loss-limit-rate':
      return new OpsError('bad-request', r.message);
    case 'illegal-transition':
    case 'loss-limit-not-armed':
    case 'loss-limit-not-breached':
      return new OpsError('conflict', r.message);
    case 'equity-unknown':
    case 'invalid-equity':
    case 'not-leader':
      return new OpsError('unavailable', r.message);
  }
}

/** The audit stamp of an ops request; a null reason is blank, which the decider refuses. */
const stampOf = (c: OperatorCommand) => ({
  commandId: c.commandId,
  issuedBy: c.issuedBy,
  reason: c.reason ?? '',
});

const settled = async (outcome: Promise<CommandOutcome>) => {
  const result = await outcome;
  if (E.isLeft(result)) throw refusal(result.left);
  return result.right;
};

/** An instance that does not lead answers nothing but `unavailable` (a request under way). */
const leading = (guard: RiskGuard): void => {
  if (!guard.active)
    throw new OpsError('unavailable', 'this risk-guard instance is not the leader: retry');
};

/**
 * `hoga.ops.risk-guard.*`: status (the view, equity now, the last transitions, and `leader`:
 * this instance and when it took over), and the audited operator commands (who, why, command
 * id; a repeated command id is a no-op). Refusals are `{ ok: false }` with a code, never a
 * change. Served by the leader only, one server per leadership term; a request that reaches an
 * instance which has just lost the lease is answered `unavailable`.
 */
export function riskGuardOps(guard: RiskGuard, leader: RiskLeader): OpsHandlers<'risk-guard'> {
  const trading =
    (run: (stamp: ReturnType<typeof stampOf>, causation: string) => Promise<CommandOutcome>) =>
    async (request: { readonly id: string; readonly data: OperatorCommand }) => {
      const state = await settled(run(stampOf(request.data), request.id));
      return { ok: true as const, state: state.tradingState };
    };
  return {
    status: async () => {
      leading(guard);
      return {
        ok: true,
        risk: guard.view(),
        equityKrw: guard.equity?.totalKrw ?? null,
        lastTransitions: transitionsView(guard.state),
        leader,
      };
    },
    halt: trading((stamp, causation) => guard.halt(stamp, causation)),
    reduce: trading((stamp, causation) => guard.reduce(stamp, causation)),
    resume: trading((stamp, causation) => guard.resume(stamp, causation)),
    arm: async (request) => {
      const state = await settled(
        guard.arm(request.data.ratePct, stampOf(request.data), request.id),
      );
      return { ok: true, limit: state.lossLimit };
    },
    disarm: async (request) => {
      const state = await settled(guard.disarm(stampOf(request.data), request.id));
      return { ok: true, limit: state.lossLimit };
    },
  };
}
