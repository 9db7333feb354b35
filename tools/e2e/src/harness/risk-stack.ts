import { equal, ok } from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Bus } from '@hoga/bus';
import {
  RISK_KV_KEY,
  eventStreams,
  kv,
  subjects,
  type PositionState,
  type RiskState,
} from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { eventually } from '@hoga/testkit';
import type { RunningEmulator } from '@hoga/upbit-emulator';
import { serviceEnv } from './service-env.js';
import { ServiceProcess, type ServiceName } from './service-process.js';
import {
  cleanUp,
  StackInfrastructure,
  type InfrastructureOptions,
} from './stack-infrastructure.js';

/** The four services of the risk scenario. */
export type RiskServiceName = ServiceName;
export const ALL_SERVICES: readonly RiskServiceName[] = [
  'market-feed',
  'order-executor',
  'position-actor',
  'risk-guard',
];

export interface RiskStackOptions extends InfrastructureOptions {
  readonly env?: Partial<Record<RiskServiceName, Record<string, string>>>;
  /**
   * Several risk-guard processes (ADR 0022: one leads, the others stand by), one per leader-lease
   * instance id (`HOGA_RISK_GUARD__LEADERSHIP__INSTANCE_ID`), each named `risk-guard/<id>`, all
   * with `env['risk-guard']`. Absent: one process named `risk-guard` with its default id.
   */
  readonly riskGuards?: readonly string[];
}

/** What `openPositions` runs: `count` immediate buys of `budgetKrw`, TP and SL far away (50 %). */
export interface OpenPositionsOptions {
  readonly count: number;
  readonly idPrefix: string;
  readonly budgetKrw: string;
  /** Markets used round-robin (default: every market of the stack). */
  readonly markets?: readonly string[];
}

const envelope = (id: string) => ({
  id,
  occurredAt: new Date().toISOString(),
  causationId: null,
  correlationId: id,
});

/**
 * A world like `E2eStack` but with several markets and risk-guard as a fourth process owning
 * the trading state (nothing here writes KV `hoga-risk`).
 */
export class RiskStack {
  readonly logFile: string;
  /** The running processes by name: the service's name, or `risk-guard/<id>` (`riskGuards`). */
  readonly procs = new Map<string, ServiceProcess>();
  readonly #infra: StackInfrastructure;

  constructor(readonly options: RiskStackOptions) {
    this.#infra = new StackInfrastructure(options);
    this.logFile = this.#infra.logFile;
  }

  get emulator(): RunningEmulator {
    return this.#infra.emulator;
  }
  get bus(): Bus {
    return this.#infra.bus;
  }
  get pool(): pg.Pool {
    return this.#infra.pool;
  }

  async init(): Promise<this> {
    await this.#infra.start();
    return this;
  }

  get natsUrl(): string {
    return this.#infra.natsUrl;
  }

  #env(service: RiskServiceName, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    return {
      ...serviceEnv(service, {
        natsUrl: this.#infra.natsUrl,
        databaseUrl: this.#infra.databaseUrl,
        emulator: this.emulator,
        markets: Object.keys(this.options.markets),
        ...(this.options.env !== undefined ? { overrides: this.options.env } : {}),
      }),
      ...extra,
    };
  }

  /** The process name of a risk-guard instance (`riskGuards`). */
  static riskGuardName(instanceId: string): string {
    return `risk-guard/${instanceId}`;
  }

  /** The processes of a service: name and environment (one per instance id for risk-guard). */
  #processesOf(service: RiskServiceName): Array<{ name: string; env: NodeJS.ProcessEnv }> {
    const ids = this.options.riskGuards;
    if (service !== 'risk-guard' || ids === undefined)
      return [{ name: service, env: this.#env(service) }];
    return ids.map((id) => ({
      name: RiskStack.riskGuardName(id),
      env: this.#env(service, { HOGA_RISK_GUARD__LEADERSHIP__INSTANCE_ID: id }),
    }));
  }

  /** Starts (or restarts) the given services, in parallel; waits for their ready lines. */
  async start(services: readonly RiskServiceName[] = ALL_SERVICES): Promise<void> {
    await Promise.all(
      services
        .flatMap((s) => this.#processesOf(s).map((p) => ({ service: s, ...p })))
        .map(async ({ service, name, env }) => {
          this.procs.set(name, await ServiceProcess.start(name, service, env, this.logFile));
        }),
    );
  }

  /** Starts (or restarts) one risk-guard instance of `riskGuards`; waits for its ready line. */
  async startRiskGuard(instanceId: string): Promise<ServiceProcess> {
    const found = this.#processesOf('risk-guard').find(
      (p) => p.name === RiskStack.riskGuardName(instanceId),
    );
    if (found === undefined) throw new Error(`no risk-guard instance ${instanceId}`);
    const proc = await ServiceProcess.start(found.name, 'risk-guard', found.env, this.logFile);
    this.procs.set(found.name, proc);
    return proc;
  }

  /** The process of a risk-guard instance of `riskGuards`. */
  riskGuard(instanceId: string): ServiceProcess {
    const proc = this.procs.get(RiskStack.riskGuardName(instanceId));
    if (proc === undefined) throw new Error(`risk-guard ${instanceId} not started`);
    return proc;
  }

  /** `kill -9` every service process. */
  async killAll(): Promise<void> {
    for (const p of this.procs.values()) await p.kill9();
  }

  /** Waits until risk-guard wrote ACTIVE with the loss limit armed (first account state). */
  async waitArmed(timeoutMs = 15_000): Promise<void> {
    await eventually(
      async () => {
        const risk = await this.riskKv();
        equal(risk?.data.state, 'ACTIVE');
        ok(risk.data.lossLimit !== null, 'loss limit armed');
      },
      timeoutMs,
      100,
    );
  }

  /**
   * Runs `count` strategies (`<idPrefix><i>`, immediate buy, TP/SL 50 %) round-robin over the
   * markets and waits until every position is active (holds coins); their position ids.
   */
  async openPositions(o: OpenPositionsOptions, timeoutMs = 20_000): Promise<PositionId[]> {
    const ids: PositionId[] = [];
    const markets = o.markets ?? Object.keys(this.options.markets);
    for (let i = 0; i < o.count; i++) {
      const reply = await this.run({
        id: `${o.idPrefix}${String(i)}`,
        market: markets[i % markets.length],
        budgetKrw: o.budgetKrw,
        entry: 'immediate',
        exit: { takeProfitPct: 50, stopLossPct: 50 },
      });
      ok(reply.ok, JSON.stringify(reply));
      ids.push(reply['positionId'] as PositionId);
    }
    await eventually(
      () => {
        for (const id of ids) equal(this.lastState(id)?.data.status, 'active', id);
      },
      timeoutMs,
      100,
    );
    return ids;
  }

  /** Sets the given prices (market → price), again every 150 ms, until KV `hoga-risk` is HALTED. */
  async crashUntilHalted(
    prices: Readonly<Record<string, string>>,
    timeoutMs = 15_000,
  ): Promise<void> {
    await eventually(
      async () => {
        for (const [m, p] of Object.entries(prices)) this.emulator.admin.setPrice(m, p);
        await new Promise((r) => setTimeout(r, 150));
        equal((await this.riskKv())?.data.state, 'HALTED');
      },
      timeoutMs,
      0,
    );
  }

  /**
   * Every position closed by the halt: one `PositionClosed` reason `risk-halt`, one
   * `ExitOrderRequested`, one ask on the exchange (I1), last published state `closed`.
   */
  async assertAllLiquidated(ids: readonly PositionId[], timeoutMs = 20_000): Promise<void> {
    await eventually(
      async () => {
        for (const id of ids) {
          const events = await this.types(id);
          ok(
            events.some((e) => e.type === 'PositionClosed'),
            `${id}: ${events.map((e) => e.type).join(',')}`,
          );
        }
      },
      timeoutMs,
      200,
    );
    const orders = this.emulator.admin.orders();
    for (const id of ids) {
      const events = await this.types(id);
      const closed = events.filter((e) => e.type === 'PositionClosed');
      equal(closed.length, 1);
      equal(closed[0]!.data['reason'], 'risk-halt', id);
      equal(events.filter((e) => e.type === 'ExitOrderRequested').length, 1, `${id}: one exit`);
      const asks = orders.filter(
        (o) => String(o['identifier']).startsWith(`${id}-`) && o['side'] === 'ask',
      );
      equal(asks.length, 1, `${id}: one ask on the exchange`);
      await eventually(() => equal(this.lastState(id)?.data.status, 'closed', id), 5_000, 50);
    }
    this.assertOneOrderPerIdentifier();
  }

  /** I1: at most one exchange order per client identifier. */
  assertOneOrderPerIdentifier(): void {
    const seen = new Map<string, number>();
    for (const o of this.emulator.admin.orders()) {
      const identifier = o['identifier'];
      if (typeof identifier === 'string') seen.set(identifier, (seen.get(identifier) ?? 0) + 1);
    }
    const twice = [...seen].filter(([, n]) => n > 1);
    equal(twice.length, 0, `exchange orders per identifier > 1: ${JSON.stringify(twice)}`);
  }

  /** The trading state risk-guard's ops `status` answers. */
  async riskStatus(): Promise<string> {
    return (await this.riskStatusReply()).state;
  }

  /** The trading state and the answering leader, from the `status` endpoint. */
  async riskStatusReply(): Promise<{ state: string; leader: string }> {
    const reply = await this.ops('risk-guard', 'status', 'GetRiskStatus', {});
    ok(reply.ok, JSON.stringify(reply));
    return {
      state: (reply['risk'] as { state: string }).state,
      leader: (reply['leader'] as { instanceId: string }).instanceId,
    };
  }

  /** The `risk` stream (risk-guard's appends), in order. */
  async riskEvents(): Promise<
    Array<{ version: number; type: string; data: Record<string, unknown> }>
  > {
    const { rows } = await this.pool.query<{
      version: number;
      type: string;
      data: Record<string, unknown>;
    }>(
      'select stream_version as version, type, data from events where stream_id = $1 order by stream_version',
      [eventStreams.risk],
    );
    return rows;
  }

  /** The trading state in KV `hoga-risk` (undefined when absent). */
  async riskKv(): Promise<RiskState | undefined> {
    const bucket = await this.bus.kv(kv.risk());
    return (await bucket.get(RISK_KV_KEY))?.value;
  }

  /** An ops request; retried (bounded) while nobody answers or the answer is `unavailable`. */
  async ops<S extends 'position-actor' | 'risk-guard'>(
    service: S,
    verb: string,
    type: string,
    data: Record<string, unknown>,
  ) {
    return eventually(
      async () => {
        const reply = (await this.bus.request(
          subjects.ops(service, verb as never),
          { ...envelope(`req-${randomUUID()}`), type, data } as never,
          { timeoutMs: 3_000 },
        )) as { ok: boolean; error?: { code: string } } & Record<string, unknown>;
        if (!reply.ok && reply.error?.code === 'unavailable')
          throw new Error(JSON.stringify(reply));
        return reply;
      },
      15_000,
      200,
    );
  }

  /** `run` a strategy (the reply, ok or not). */
  run(strategy: Record<string, unknown>) {
    const commandId = `run-${randomUUID()}`;
    return this.ops('position-actor', 'run', 'RunStrategy', {
      strategy,
      commandId,
      issuedBy: 'e2e',
      reason: null,
    });
  }

  /** Event types of a position, in order. */
  async types(
    positionId: PositionId,
  ): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
    const { rows } = await this.pool.query<{ type: string; data: Record<string, unknown> }>(
      'select type, data from events where stream_id = $1 order by stream_version',
      [eventStreams.position(positionId)],
    );
    return rows;
  }

  /** The last published live state of a position. */
  lastState(positionId: PositionId): PositionState | undefined {
    return this.#infra.lastState(positionId);
  }
  /** Every position state seen. */
  get states(): PositionState[] {
    return this.#infra.states;
  }

  /** The services' log so far (shown when a test fails). */
  log(): string {
    return this.#infra.log();
  }

  async dispose(): Promise<void> {
    await cleanUp(async (attempt) => {
      for (const p of this.procs.values()) await attempt(() => p.kill9());
      await this.#infra.dispose(attempt);
    });
  }
}
