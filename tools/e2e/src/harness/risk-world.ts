import { FakeTelegram } from '@hoga/notify/testing';
import { RiskStack, type RiskStackOptions } from './risk-stack.js';
import { checkAudit } from './invariants.js';

/**
 * A risk stack with a fake Telegram for one test, and its clean-up: `start` builds both (risk-guard
 * loses at 5 % and alerts the fake), `dispose` (from `afterEach`) prints the services' log of a
 * failed test, then stops everything.
 */
export class RiskWorld {
  stack: RiskStack | undefined;
  telegram: FakeTelegram | undefined;

  async start(
    options: Omit<RiskStackOptions, 'env'> & { readonly riskGuardEnv?: Record<string, string> },
    telegramDown = false,
  ): Promise<{ stack: RiskStack; telegram: FakeTelegram }> {
    const telegram = new FakeTelegram();
    telegram.failing = telegramDown;
    this.telegram = telegram;
    const url = await telegram.listen();
    const { riskGuardEnv, ...rest } = options;
    const stack = await new RiskStack({
      ...rest,
      env: {
        'risk-guard': {
          HOGA_RISK_GUARD__LOSS_LIMIT_PCT: '5',
          HOGA_NOTIFY__TELEGRAM__TOKEN: 't0k3n',
          HOGA_NOTIFY__TELEGRAM__CHAT_IDS: '4242',
          HOGA_NOTIFY__TELEGRAM__BASE_URL: url,
          ...riskGuardEnv,
        },
      },
    }).init();
    this.stack = stack;
    await stack.start();
    return { stack, telegram };
  }

  async dispose(failed: boolean, logTail = 40_000): Promise<void> {
    try {
      if (failed && this.stack !== undefined)
        console.error(
          `----- services log (${this.stack.logFile}) -----\n${this.stack.log().slice(-logTail)}`,
        );
      else if (this.stack !== undefined) await checkAudit(this.stack.pool, this.stack.emulator);
    } finally {
      await this.stack?.dispose();
      await this.telegram?.close();
      this.stack = undefined;
      this.telegram = undefined;
    }
  }
}
