import type { Bus, Subscription } from '@hoga/bus';
import { subjects, type RpcRoute } from '@hoga/contracts';
import type { Decimal } from '@hoga/model';
import type { CommandIn, CommandOut } from './position-command.handler.js';
import type { ListIn, ListOut } from './list.handler.js';
import type { RunIn, RunOut } from './run.handler.js';
import { listHandler } from './list.handler.js';
import { positionCommandHandler } from './position-command.handler.js';
import { runHandler } from './run.handler.js';
import type { ServiceContext } from './service-context.js';

/**
 * `OpsRequest`/`OpsReply` of `@hoga/contracts` resolve to `any` (the catalogue's codecs widen to
 * `t.Mixed`), so the route is given the handler's concrete types here; the bus still decodes
 * with the route's own codecs.
 */
const typed = <Q, R>(route: RpcRoute<unknown, unknown>): RpcRoute<Q, R> => route as RpcRoute<Q, R>;

const COMMAND_VERBS = ['close', 'pause', 'resume', 'retry-close', 'dismiss'] as const;

/**
 * Answers `hoga.ops.position-actor.*` with the plain request handlers (bus request/reply;
 * NATS micro-service registration can replace this function without touching the handlers).
 */
export async function registerOpsHandlers(
  bus: Bus,
  ctx: ServiceContext,
  feeRate: Decimal,
): Promise<Subscription[]> {
  const run = runHandler(ctx);
  const list = listHandler(ctx, feeRate);
  return [
    await bus.reply(typed<RunIn, RunOut>(subjects.ops('position-actor', 'run')), (d) =>
      run(d.data),
    ),
    await bus.reply(typed<ListIn, ListOut>(subjects.ops('position-actor', 'list')), (d) =>
      list(d.data),
    ),
    ...(await Promise.all(
      COMMAND_VERBS.map((verb) => {
        const handle = positionCommandHandler(ctx, verb);
        return bus.reply(typed<CommandIn, CommandOut>(subjects.ops('position-actor', verb)), (d) =>
          handle(d.data),
        );
      }),
    )),
  ];
}
