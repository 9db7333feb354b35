import type { GatewayModule } from '../gateway-context.js';
import { CommandRunner } from './command-runner.js';
import { registerCommandRoutes } from './commands.routes.js';
import { DoneWatcher } from './done-watch.js';
import { ReceiptBook } from './receipt-book.js';
import { ReplyCache } from './reply-cache.js';

/** The commands' own settings (defaults here; tests may pass others). */
export interface CommandSettings {
  /** How long the gateway waits for a service's answer. */
  readonly opsTimeoutMs: number;
  /** How long an accepted command's event is waited for before its receipt says `timeout`. */
  readonly doneWaitMs: number;
  /** How often the streams of the commands waited for are read. */
  readonly donePollMs: number;
  /** Commands waited for at once (more end as `timeout` at once). */
  readonly maxWatches: number;
  /** Command ids whose answer and latest receipt are remembered. */
  readonly remembered: number;
}

export const COMMAND_DEFAULTS: CommandSettings = {
  opsTimeoutMs: 5_000,
  doneWaitMs: 10_000,
  donePollMs: 100,
  maxWatches: 1_000,
  remembered: 10_000,
};

/**
 * Operator commands over HTTP, through the services' ops endpoints, with receipts on the
 * `commands` live channel (ADR 0041).
 */
export const commandsModule = (settings: Partial<CommandSettings> = {}): GatewayModule => ({
  name: 'commands',
  start(ctx, app) {
    const s = { ...COMMAND_DEFAULTS, ...settings };
    const receipts = new ReceiptBook(ctx.live, s.remembered);
    const watcher = new DoneWatcher(
      ctx.store,
      { waitMs: s.doneWaitMs, pollMs: s.donePollMs, maxWatches: s.maxWatches },
      ctx.logger,
    );
    const runner = new CommandRunner({
      bus: ctx.bus,
      store: ctx.store,
      logger: ctx.logger,
      now: ctx.now,
      receipts,
      replies: new ReplyCache(s.remembered),
      watcher,
      opsTimeoutMs: s.opsTimeoutMs,
    });
    registerCommandRoutes(app, ctx, runner, receipts);
    return Promise.resolve(() => {
      watcher.stop();
      return Promise.resolve();
    });
  },
});
