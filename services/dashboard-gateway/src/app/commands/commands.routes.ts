import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayContext } from '../gateway-context.js';
import { ApiError, decodeRequest } from '../../adapters/http/api-error.js';
import type { CommandName } from './command-receipt.js';
import {
  ArmBody,
  CommandBody,
  PositionParams,
  ReceiptParams,
  RunBody,
} from './command-body.codec.js';
import type { CommandPlan, CommandRunner } from './command-runner.js';
import type { PositionVerb, RiskVerb } from './ops-sender.js';
import type { ReceiptBook } from './receipt-book.js';
import { strategyOf } from './strategy-spec-input.js';
import { commandTrace } from './trace-headers.js';

const POSITION_VERBS: readonly PositionVerb[] = [
  'close',
  'pause',
  'resume',
  'retry-close',
  'dismiss',
];
const RISK_VERBS: readonly Exclude<RiskVerb, 'arm'>[] = ['halt', 'reduce', 'resume', 'disarm'];

/**
 * The command routes (operator role, CSRF token, own Origin — `ctx.guards.operator`):
 * `POST /api/strategies`, `POST /api/positions/:id/<close|pause|resume|retry-close|dismiss>`,
 * `POST /api/risk/<halt|reduce|resume|disarm|arm>`; and `GET /api/commands/:commandId` (any
 * session): the latest receipt of a command.
 */
export function registerCommandRoutes(
  app: FastifyInstance,
  ctx: GatewayContext,
  runner: CommandRunner,
  receipts: ReceiptBook,
): void {
  const send = async (request: FastifyRequest, reply: FastifyReply, plan: CommandPlan) => {
    const session = ctx.guards.requireRole(request, 'operator');
    const answer = await runner.run(plan, { issuedBy: session.user, trace: commandTrace(request) });
    return reply.status(answer.status).send(answer.body);
  };
  const operator = { preHandler: ctx.guards.operator };

  app.post('/api/strategies', operator, (request, reply) => {
    const body = decodeRequest(RunBody, request.body, 'body');
    return send(request, reply, {
      name: 'strategy.run',
      target: { service: 'position-actor', verb: 'run' },
      data: { strategy: strategyOf(body.spec) },
      commandId: body.commandId,
      reason: body.reason ?? null,
      positionId: null,
    });
  });

  for (const verb of POSITION_VERBS)
    app.post(`/api/positions/:id/${verb}`, operator, (request, reply) => {
      const { id } = decodeRequest(PositionParams, request.params, 'params');
      const body = decodeRequest(CommandBody, request.body, 'body');
      return send(request, reply, {
        name: `position.${verb}`,
        target: { service: 'position-actor', verb },
        data: { positionId: id },
        commandId: body.commandId,
        reason: body.reason ?? null,
        positionId: id,
      });
    });

  for (const verb of RISK_VERBS)
    app.post(`/api/risk/${verb}`, operator, (request, reply) => {
      const body = decodeRequest(CommandBody, request.body, 'body');
      return send(request, reply, riskPlan(verb, body.commandId, body.reason ?? null, {}));
    });

  app.post('/api/risk/arm', operator, (request, reply) => {
    const body = decodeRequest(ArmBody, request.body, 'body');
    return send(
      request,
      reply,
      riskPlan('arm', body.commandId, body.reason ?? null, { ratePct: body.ratePct.toString() }),
    );
  });

  app.get('/api/commands/:commandId', { preHandler: ctx.guards.viewer }, (request) => {
    const { commandId } = decodeRequest(ReceiptParams, request.params, 'params');
    const receipt = receipts.latest(commandId);
    if (receipt === undefined)
      throw new ApiError('not-found', `no receipt of command ${commandId} (unknown or forgotten)`);
    return Promise.resolve(receipt);
  });
}

function riskPlan(
  verb: RiskVerb,
  commandId: string,
  reason: string | null,
  data: Readonly<Record<string, unknown>>,
): CommandPlan {
  const name: CommandName = `risk.${verb}`;
  return {
    name,
    target: { service: 'risk-guard', verb },
    data,
    commandId,
    reason,
    positionId: null,
  };
}
