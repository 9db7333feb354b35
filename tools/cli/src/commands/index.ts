import type { Command } from '../command.js';
import { auditCommands } from './audit.command.js';
import { accountAckCommand, accountStatusCommand } from './account.command.js';
import { dashboardHashPasswordCommand, dashboardUrlCommand } from './dashboard.command.js';
import { engineUrlsCommand } from './engine.command.js';
import { deadLettersCommand } from './dead-letters.command.js';
import { executorStatusCommand } from './executor.command.js';
import { positionActionCommands } from './position-action.command.js';
import { positionsCommand } from './positions.command.js';
import { riskStatusCommand, tradingCommands } from './risk.command.js';
import { strategyRunCommand } from './strategy-run.command.js';
import { ticksStatusCommand } from './ticks.command.js';

/** Every `hoga` command, in the order of the usage text. */
export const COMMANDS: readonly Command[] = [
  strategyRunCommand,
  positionsCommand,
  ...positionActionCommands,
  riskStatusCommand,
  ...tradingCommands,
  accountStatusCommand,
  accountAckCommand,
  executorStatusCommand,
  deadLettersCommand,
  ticksStatusCommand,
  dashboardUrlCommand,
  engineUrlsCommand,
  dashboardHashPasswordCommand,
  ...auditCommands,
];
