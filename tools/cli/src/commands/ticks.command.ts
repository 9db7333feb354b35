import { usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { replyJson } from '../ops-client.js';
import { renderTickGates } from '../render/tick-gates.js';

const failed = (error: unknown) => ({
  error: error instanceof Error ? error.message : String(error),
});

/** `hoga ticks status [--json]`: what the tick gates stopped, by reason (ADR 0024). */
export const ticksStatusCommand: Command = {
  words: ['ticks', 'status'],
  synopsis: 'ticks status [--json]',
  summary: 'ticks refused or held by market-feed and position-actor, by reason; markets held now',
  async run({ operands, options, connect, out }) {
    if (operands.length > 0) throw usageError('usage: hoga ticks status [--json]');
    const client = await connect();
    const [feed, actor] = await Promise.all([
      client.call('market-feed', 'status', {}).catch(failed),
      client.call('position-actor', 'status', {}).catch(failed),
    ]);
    if (options.json) {
      out('error' in feed ? JSON.stringify(feed) : replyJson('market-feed', 'status', feed));
      out('error' in actor ? JSON.stringify(actor) : replyJson('position-actor', 'status', actor));
    } else for (const line of renderTickGates(feed, actor)) out(line);
  },
};
