import { randomUUID } from 'node:crypto';
import { usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { issuedBy } from '../issuer.js';
import { replyJson } from '../ops-client.js';

type PositionVerb = 'close' | 'pause' | 'resume' | 'retry-close' | 'dismiss';

const WHAT: Readonly<Record<PositionVerb, string>> = {
  close: 'close at market (a pending position is cancelled)',
  pause: 'suspend entries and discretionary exits',
  resume: 'lift a pause',
  'retry-close': 'try again to close a position in error',
  dismiss: 'accept a position in error as it is',
};

/** `hoga position <verb> ID [--reason TEXT]`: one operator command on one position. */
const positionAction = (verb: PositionVerb): Command => ({
  words: ['position', verb],
  synopsis: `position ${verb} ID [--reason TEXT]`,
  summary: WHAT[verb],
  async run({ operands, options, connect, out }) {
    const [positionId, ...extra] = operands;
    if (positionId === undefined || extra.length > 0)
      throw usageError(`usage: hoga position ${verb} ID [--reason TEXT]`);
    const client = await connect();
    const reply = await client.call('position-actor', verb, {
      positionId,
      commandId: randomUUID(),
      issuedBy: issuedBy(options.as),
      reason: options.reason ?? null,
    });
    out(
      options.json
        ? replyJson('position-actor', verb, reply)
        : `${verb} accepted for position ${reply.positionId}`,
    );
  },
});

/** The five position commands. */
export const positionActionCommands: readonly Command[] = (
  ['close', 'pause', 'resume', 'retry-close', 'dismiss'] as const
).map(positionAction);
