import { kv, RISK_KV_KEY, eventStreams, subjects, type PositionState } from '@hoga/contracts';
import type { Subscription } from '@hoga/bus';
import type { RecordedEvent } from '@hoga/event-store';
import type { PositionId } from '@hoga/model';
import { start as startExecutor, type RunningExecutor } from '@hoga/order-executor';
import type { PositionActorService } from '@hoga/position-actor';
import { startService as startActor } from '@hoga/position-actor/testing';
import type { RiskGuardService } from '@hoga/risk-guard';
import { startService as startRiskGuard } from '@hoga/risk-guard/testing';
import { createLogger, type Logger } from '@hoga/telemetry';
import { startEmulator, type RunningEmulator } from '@hoga/upbit-emulator';
import type { GatewaySettings } from '../config.js';
import { GatewayHarness } from './gateway-harness.js';

/** The emulator account the executor trades with. */
const KEYS = { accessKey: 'gw-access', secretKey: 'gw-secret-0123456789' };

/** Order-executor timings scaled down for tests (as in its own test kit). */
const FAST_EXECUTOR = {
  upbit: { timeoutMs: 600, wsBackoffInitialMs: 50, wsBackoffMaxMs: 200 },
  executor: {
    ackWaitMs: 2_000,
    maxDeliver: 50,
    pollIntervalMs: 200,
    lookupIntervalMs: 50,
    absenceAfterMs: 900,
    absenceLookups: 2,
    unknownAlertAfterMs: 60_000,
    balanceTtlMs: 0,
    accountPublishIntervalMs: 500,
  },
};

/** Polls `probe` every 20 ms until it returns something other than undefined/false (bounded). */
export async function eventually<T>(
  probe: () => Promise<T | undefined | false> | T | undefined | false,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The gateway with the services it commands, in process on the harness's NATS namespace and
 * PostgreSQL schema: position-actor, risk-guard, order-executor and the Upbit emulator (port 0,
 * one KRW-BTC market at 100,000,000 KRW, prices moved by hand).
 */
export class CommandWorld {
  readonly harness: GatewayHarness;
  readonly states: PositionState[] = [];
  emulator!: RunningEmulator;
  actor!: PositionActorService;
  risk!: RiskGuardService;
  executor!: RunningExecutor;
  #states?: Subscription;

  constructor(label: string, settings: Partial<GatewaySettings> = {}) {
    this.harness = new GatewayHarness(label, settings);
  }

  #logger(service: string): Logger {
    const logs = this.harness.logs;
    return createLogger({ service, level: 'debug', sinks: [(r) => logs.push(r)] });
  }

  async start(): Promise<this> {
    const h = await this.harness.start();
    this.emulator = await startEmulator({
      port: 0,
      host: '127.0.0.1',
      seed: 'gw',
      tickIntervalMs: 0,
      historyMinutes: 5,
      markets: [
        {
          market: 'KRW-BTC',
          startPrice: '100000000',
          volatility: 0,
          jumpProbability: 0,
          book: { levelKrw: '1000000000' },
        },
      ],
      accounts: [{ ...KEYS, balances: { KRW: '10000000' } }],
      rateLimits: { enabled: false },
    });
    this.#states = await h.bus.subscribe(
      subjects.positionState('*'),
      (d) => void this.states.push(d.data),
    );
    this.risk = await startRiskGuard({
      bus: h.bus,
      store: h.store,
      logger: this.#logger('risk-guard'),
      lossLimitPct: null,
      watchdogIntervalMs: 0,
      stateThrottleMs: 50,
    });
    await eventually(
      async () => (await (await h.bus.kv(kv.risk())).get(RISK_KV_KEY)) !== undefined,
      'the trading state in KV',
    );
    this.executor = await startExecutor({
      env: {},
      connections: {
        bus: h.bus,
        database: h.schema.poolConfig,
        logger: this.#logger('order-executor'),
      },
      config: {
        ...FAST_EXECUTOR,
        upbit: {
          ...FAST_EXECUTOR.upbit,
          baseUrl: this.emulator.url,
          wsUrl: this.emulator.privateWsUrl,
          ...KEYS,
        },
      },
    });
    this.actor = await startActor({
      bus: h.bus,
      store: h.store,
      logger: this.#logger('position-actor'),
      stateThrottleMs: 50,
      marketFeedTimeoutMs: 200,
    });
    return this;
  }

  /** The stored events of a position. */
  positionEvents(positionId: string): Promise<RecordedEvent[]> {
    return this.harness.store.readStream(eventStreams.position(positionId as PositionId));
  }

  /** The stored events of the `risk` stream. */
  riskEvents(): Promise<RecordedEvent[]> {
    return this.harness.store.readStream(eventStreams.risk);
  }

  /** Waits until a position's stream holds an event of `type`; returns the stream. */
  untilEvent(positionId: string, type: string, timeoutMs = 10_000): Promise<RecordedEvent[]> {
    return eventually(
      async () => {
        const events = await this.positionEvents(positionId);
        return events.some((e) => e.type === type) && events;
      },
      `${type} on ${positionId}`,
      timeoutMs,
    );
  }

  /**
   * The stored events an operator command can cause, as a count: every event that carries a
   * command id (position and risk commands) and every `PositionOpened` (a run). Events the
   * positions of earlier tests store on their own (peaks, fills, an arming from config) are left
   * out. The effects of earlier tests' commands may still be arriving (a close is acknowledged
   * before its events are stored): the count is taken once it has not changed for a second.
   */
  async storedEventCount(): Promise<number> {
    let last = await this.#commandEventCount();
    for (let quiet = 0; quiet < 5;) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const now = await this.#commandEventCount();
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
    return last;
  }

  async #commandEventCount(): Promise<number> {
    const result = await this.harness.store.readAll({
      after: { transactionId: 0n, globalPosition: 0n },
      limit: 100_000,
    });
    return result.events.filter(
      (e) =>
        e.type === 'PositionOpened' ||
        (typeof e.data === 'object' && e.data !== null && 'commandId' in e.data),
    ).length;
  }

  /** Sets an emulator market price by hand (the trades the executor's fills come from). */
  price(market: string, price: string): void {
    this.emulator.admin.setPrice(market, price);
  }

  async stop(): Promise<void> {
    await this.actor?.stop().catch(() => undefined);
    await this.executor?.stop().catch(() => undefined);
    await this.risk?.stop().catch(() => undefined);
    await this.#states?.unsubscribe().catch(() => undefined);
    await this.emulator?.close().catch(() => undefined);
    await this.harness.stop();
  }
}
