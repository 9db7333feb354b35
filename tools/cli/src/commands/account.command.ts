import { randomUUID } from 'node:crypto';
import { usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { issuedBy } from '../issuer.js';
import { replyJson } from '../ops-client.js';
import { renderAccountStatus } from '../render/account-status.js';

/** `hoga account status [all] [--json]`: orders and balance changes hoga did not make. */
export const accountStatusCommand: Command = {
  words: ['account', 'status'],
  synopsis: 'account status [all] [--json]',
  summary: 'orders and balance changes hoga did not make (open findings; `all`: acknowledged too)',
  async run({ operands, options, connect, out }) {
    if (operands.length > 1 || (operands.length === 1 && operands[0] !== 'all'))
      throw usageError('usage: hoga account status [all] [--json]');
    const reply = await (
      await connect()
    ).call('order-executor', 'account', { includeAcknowledged: operands[0] === 'all' });
    if (options.json) out(replyJson('order-executor', 'account', reply));
    else for (const line of renderAccountStatus(reply)) out(line);
  },
};

/** `hoga account ack FINDING --reason TEXT`: an operator has seen a finding (recorded: who, why). */
export const accountAckCommand: Command = {
  words: ['account', 'ack'],
  synopsis: 'account ack FINDING --reason TEXT',
  summary: 'acknowledge a finding (who and why are recorded); it leaves the open findings',
  async run({ operands, options, connect, out }) {
    const [findingId] = operands;
    if (
      operands.length !== 1 ||
      findingId === undefined ||
      options.reason === undefined ||
      options.reason.trim() === ''
    )
      throw usageError('usage: hoga account ack FINDING --reason TEXT (the reason is required)');
    const reply = await (
      await connect()
    ).call('order-executor', 'ack', {
      findingId,
      commandId: randomUUID(),
      issuedBy: issuedBy(options.as),
      reason: options.reason,
    });
    const ack = reply.finding.acknowledged;
    out(
      options.json
        ? replyJson('order-executor', 'ack', reply)
        : `acknowledged ${findingId}${ack === null ? '' : ` by ${ack.issuedBy} at ${ack.at}`}`,
    );
  },
};
