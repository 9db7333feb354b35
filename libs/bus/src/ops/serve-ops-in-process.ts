import * as t from 'io-ts';
import type { Bus, Subscription } from '../bus.port.js';
import { answerOps } from './answer-ops.js';
import type { OpsServer } from './ops-handlers.js';
import type { OpsEndpointTarget } from './ops-targets.js';

/** The queue group of ops endpoints, as NATS micro services use: one instance answers. */
export const OPS_QUEUE = 'q';

/**
 * Serves endpoints with `bus.reply` (the in-process bus: no discovery). The route takes any
 * JSON, so that decoding, and its `bad-request` reply, happen in `answerOps` exactly as over NATS.
 */
export async function serveOpsOverBus(
  bus: Bus,
  targets: readonly OpsEndpointTarget[],
): Promise<OpsServer> {
  const subscriptions: Subscription[] = [];
  try {
    for (const target of targets) {
      const route = { subject: target.subject, request: t.unknown, reply: t.unknown };
      subscriptions.push(
        await bus.reply(
          route,
          (d) => answerOps(target, d.data, d),
          target.broadcast ? {} : { queue: OPS_QUEUE },
        ),
      );
    }
  } catch (error) {
    await Promise.all(subscriptions.map((s) => s.unsubscribe()));
    throw error;
  }
  return {
    id: undefined,
    async stop() {
      await Promise.all(subscriptions.map((s) => s.unsubscribe()));
    },
  };
}
