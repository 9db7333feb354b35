import { usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { replyJson } from '../ops-client.js';
import { renderPositions } from '../render/positions-table.js';

/** `hoga positions [--json]`: every position position-actor knows, as a table or JSON. */
export const positionsCommand: Command = {
  words: ['positions'],
  synopsis: 'positions [--json]',
  summary: 'list positions (id, status, volume, PnL ...)',
  async run({ operands, options, connect, out }) {
    if (operands.length > 0) throw usageError('usage: hoga positions [--json]');
    const client = await connect();
    const reply = await client.call('position-actor', 'list', { statuses: null, market: null });
    if (options.json) out(replyJson('position-actor', 'list', reply));
    else for (const line of renderPositions(reply.positions)) out(line);
  },
};
