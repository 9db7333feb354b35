import { serveOps, type Bus, type OpsServer } from '@hoga/bus';
import type { RiskLeader } from '@hoga/contracts';
import type { Logger } from '@hoga/telemetry';
import type { LeaderRole } from './leadership.js';
import type { RiskGuard } from './risk-guard.js';
import { riskGuardOps } from '../handlers/ops.handlers.js';
import { checkWatchdog, type WatchdogContext } from '../handlers/watchdog.handler.js';

/** What the leader runs besides the guard. */
export interface LeaderDutiesDeps {
  readonly guard: RiskGuard;
  readonly bus: Bus;
  readonly logger: Logger;
  readonly watchdog: WatchdogContext;
  /** How often the watchdog looks, in ms; 0: never (tests call `checkWatchdog`). */
  readonly watchdogEveryMs: number;
  /** This instance's name, answered by `status` as the leader. */
  readonly instanceId: string;
  readonly now: () => Date;
}

/**
 * What only the leader does: the guard acts (take-over: reload, baselines, KV), the ops micro
 * service `hoga-risk-guard` is served (its `status` names this instance and when the take-over
 * completed) and the watchdog timer runs. Losing the lease stops all three at once; a stale
 * take-over (the lease lost meanwhile) leaves nothing running.
 */
export class LeaderDuties implements LeaderRole {
  #ops: OpsServer | undefined;
  #leader: RiskLeader | undefined;
  #timer: NodeJS.Timeout | undefined;
  #term = 0;
  #stopping: Promise<void> = Promise.resolve();

  constructor(private readonly deps: LeaderDutiesDeps) {}

  /** True once a take-over is complete (the guard acts and the ops are served) until stopped. */
  get leading(): boolean {
    return this.#ops !== undefined;
  }

  /** This instance and when its current take-over completed; undefined while not leading. */
  get leader(): RiskLeader | undefined {
    return this.#leader;
  }

  async lead(): Promise<void> {
    const { guard, bus, logger, instanceId, now } = this.deps;
    const term = ++this.#term;
    if (!(await guard.takeOver())) {
      logger.warn('take-over abandoned: the leader lease was lost meanwhile');
      return;
    }
    const leader = { instanceId, since: now().toISOString() };
    const ops = await serveOps(bus, 'risk-guard', riskGuardOps(guard, leader), { logger });
    if (term !== this.#term) return ops.stop();
    this.#ops = ops;
    this.#leader = leader;
    const every = this.deps.watchdogEveryMs;
    if (every > 0) {
      this.#timer = setInterval(() => void checkWatchdog(this.deps.watchdog), every);
      this.#timer.unref();
    }
    logger.info('risk-guard leading', {
      since: leader.since,
      state: guard.state.tradingState,
      lossLimit: guard.state.lossLimit !== null,
    });
  }

  lost(): Promise<void> {
    this.deps.guard.stepDown();
    this.#stopping = this.#stopServing();
    return this.#stopping;
  }

  async release(): Promise<void> {
    await this.#stopServing();
    this.deps.guard.stepDown();
  }

  /** Waits until an ops server being stopped after a lost lease has stopped (failures logged). */
  settled(): Promise<void> {
    return this.#stopping.catch(() => undefined);
  }

  /** Stops the watchdog timer at once and the ops server (answers under way finish). */
  #stopServing(): Promise<void> {
    this.#term += 1;
    clearInterval(this.#timer);
    this.#timer = undefined;
    const ops = this.#ops;
    this.#ops = undefined;
    this.#leader = undefined;
    return ops?.stop() ?? Promise.resolve();
  }
}
