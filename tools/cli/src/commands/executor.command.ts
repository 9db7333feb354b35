import { usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { replyJson } from '../ops-client.js';
import { renderExecutorStatus } from '../render/executor-status.js';

/** `hoga executor status [--json]`: commands taken, exchange access, the settings in force. */
export const executorStatusCommand: Command = {
  words: ['executor', 'status'],
  synopsis: 'executor status [--json]',
  summary: 'order-executor: commands taken, exchange access, fee rate and limits in force',
  async run({ operands, options, connect, out }) {
    if (operands.length > 0) throw usageError('usage: hoga executor status [--json]');
    const reply = await (await connect()).call('order-executor', 'status', {});
    if (options.json) out(replyJson('order-executor', 'status', reply));
    else for (const line of renderExecutorStatus(reply)) out(line);
  },
};
