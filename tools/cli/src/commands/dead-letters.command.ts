import { OPS, type OpsService } from '@hoga/contracts';
import { CliError, ExitCode, usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { replyJson, type OkReply, type OpsClient } from '../ops-client.js';
import { renderDeadLetters } from '../render/dead-letters.js';

/** Letters listed by `hoga deadletters` (the endpoint allows up to 100). */
export const DEAD_LETTERS_LISTED = 20;

const SERVICES = Object.keys(OPS) as OpsService[];
const USAGE = `usage: hoga deadletters [SERVICE|all] [SUBJECT-FILTER] [--json] (SERVICE: ${SERVICES.join(', ')})`;

type Reply = OkReply<'risk-guard', 'deadletters'>;

/** Asks one service for the letters; `all`: every service's. */
const ask = (
  client: OpsClient,
  service: OpsService,
  subject: string | null,
  all: boolean,
): Promise<Reply> =>
  // Every service's `deadletters` has the same codecs (the contracts' catalog).
  client.call<'risk-guard', 'deadletters'>(service as 'risk-guard', 'deadletters', {
    subject,
    limit: DEAD_LETTERS_LISTED,
    all,
  });

/** Every service's letters, from the first service that answers (they share one store). */
async function askAny(client: OpsClient, subject: string | null): Promise<Reply> {
  let last: unknown;
  for (const service of SERVICES) {
    try {
      return await ask(client, service, subject, true);
    } catch (error) {
      if (!(error instanceof CliError && error.exitCode === ExitCode.unreachable)) throw error;
      last = error;
    }
  }
  throw last instanceof Error ? last : new CliError(ExitCode.unreachable, 'no service answers');
}

/**
 * `hoga deadletters [SERVICE|all] [SUBJECT-FILTER]`: the dead letters the engine keeps (ADR
 * 0034), newest first — every service's by default or with `all`, or those one service
 * dead-lettered; a subject filter (NATS wildcards) narrows them.
 */
export const deadLettersCommand: Command = {
  words: ['deadletters'],
  synopsis: 'deadletters [SERVICE|all] [SUBJECT] [--json]',
  summary: 'dead letters kept: count, limits, the newest with subject, reason, preview',
  async run({ operands, options, connect, out }) {
    if (operands.length > 2) throw usageError(USAGE);
    const [scope = 'all', subject = null] = operands;
    if (scope !== 'all' && !SERVICES.includes(scope as OpsService)) throw usageError(USAGE);
    const client = await connect();
    const reply =
      scope === 'all'
        ? await askAny(client, subject)
        : await ask(client, scope as OpsService, subject, false);
    if (options.json)
      out(replyJson('risk-guard', 'deadletters', reply) /* one codec for every service */);
    else
      for (const line of renderDeadLetters(
        reply,
        scope === 'all' ? 'every service' : `dead-lettered by ${scope}`,
      ))
        out(line);
  },
};
