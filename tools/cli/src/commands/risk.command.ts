import { randomUUID } from 'node:crypto';
import { usageError } from '../cli-error.js';
import type { Command } from '../command.js';
import { issuedBy } from '../issuer.js';
import { replyJson } from '../ops-client.js';
import { renderRiskStatus } from '../render/risk-status.js';

/** `hoga risk status [--json]`: the trading state, equity, loss limit and last transitions. */
export const riskStatusCommand: Command = {
  words: ['risk', 'status'],
  synopsis: 'risk status [--json]',
  summary: 'trading state, equity, loss limit, exposure, last transitions',
  async run({ operands, options, connect, out }) {
    if (operands.length > 0) throw usageError('usage: hoga risk status [--json]');
    const reply = await (await connect()).call('risk-guard', 'status', {});
    if (options.json) out(replyJson('risk-guard', 'status', reply));
    else for (const line of renderRiskStatus(reply)) out(line);
  },
};

type TradingVerb = 'resume' | 'halt' | 'reduce';

const WHAT: Readonly<Record<TradingVerb, string>> = {
  resume: 'leave safe mode (REDUCING/HALTED -> ACTIVE)',
  halt: 'safe mode: exit every position',
  reduce: 'allow exits only',
};

/** `hoga risk <verb> --reason TEXT`: an audited change of the trading state. */
const tradingCommand = (verb: TradingVerb): Command => ({
  words: ['risk', verb],
  synopsis: `risk ${verb} --reason TEXT`,
  summary: WHAT[verb],
  async run({ operands, options, connect, out }) {
    if (operands.length > 0 || options.reason === undefined || options.reason.trim() === '')
      throw usageError(`usage: hoga risk ${verb} --reason TEXT (the reason is required)`);
    const reply = await (
      await connect()
    ).call('risk-guard', verb, {
      commandId: randomUUID(),
      issuedBy: issuedBy(options.as),
      reason: options.reason,
    });
    out(options.json ? replyJson('risk-guard', verb, reply) : `trading state: ${reply.state}`);
  },
});

/** The three trading-state commands. */
export const tradingCommands: readonly Command[] = (['resume', 'halt', 'reduce'] as const).map(
  tradingCommand,
);
