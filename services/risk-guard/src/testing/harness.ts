import type { Bus, Subscription } from '@hoga/bus';
import { opsRequest, requestOps } from '@hoga/bus';
import { kv, RISK_KV_KEY, subjects, type Alert, type RiskHalt } from '@hoga/contracts';
import type { EventStore } from '@hoga/event-store';
import { dec } from '@hoga/model';
import { createLogger, memorySink } from '@hoga/telemetry';
import * as E from 'fp-ts/lib/Either.js';
import { startService, type RiskGuardOptions, type RiskGuardService } from '../service.js';
import { RISK_STREAM_ID } from '../adapters/risk-stream.js';

/** A clock tests move by hand. */
export class ManualClock {
  #ms = Date.parse('2026-11-23T10:00:00.000Z');
  readonly now = (): Date => new Date(this.#ms);
  advance(ms: number): void {
    this.#ms += ms;
  }
}

type Verb = 'status' | 'halt' | 'reduce' | 'resume' | 'arm' | 'disarm';

/** risk-guard on a given bus and store, with what tests watch: halts, alerts, the KV. */
export class Harness {
  readonly halts: RiskHalt[] = [];
  readonly alerts: Alert[] = [];
  readonly clock = new ManualClock();
  readonly log = memorySink();
  service!: RiskGuardService;
  #subs: Subscription[] = [];

  constructor(
    readonly bus: Bus,
    readonly store: EventStore,
  ) {}

  async start(options: Partial<RiskGuardOptions> = {}): Promise<this> {
    if (this.#subs.length === 0)
      this.#subs = [
        await this.bus.subscribe(subjects.riskHalt(), (d) => void this.halts.push(d.data)),
        await this.bus.subscribe(subjects.alert('*'), (d) => void this.alerts.push(d.data)),
      ];
    this.service = await startService({
      bus: this.bus,
      store: this.store,
      logger: createLogger({ service: 'risk-guard', sinks: [this.log], level: 'debug' }),
      now: this.clock.now,
      lossLimitPct: dec(10),
      watchdogIntervalMs: 0,
      ...options,
    });
    return this;
  }

  /** The trading state in KV `hoga-risk`. */
  async kvState(): Promise<string | undefined> {
    return (await (await this.bus.kv(kv.risk())).get(RISK_KV_KEY))?.value.data.state;
  }

  /** The types of the events of the `risk` stream, in order. */
  async streamTypes(): Promise<string[]> {
    return (await this.store.readStream(RISK_STREAM_ID)).map((e) => e.type);
  }

  /** Calls a risk-guard endpoint the way the CLI does (request envelope from plain data). */
  async ops(verb: Verb, data: unknown): Promise<Record<string, unknown>> {
    const request = opsRequest('risk-guard', verb, data);
    if (E.isLeft(request)) throw new Error(request.left.message);
    return await requestOps(this.bus, 'risk-guard', verb, request.right as never);
  }

  async stop(): Promise<void> {
    await this.service.stop();
  }

  async close(): Promise<void> {
    for (const s of this.#subs) await s.unsubscribe();
    this.#subs = [];
  }
}

/** The audit fields of an operator request. */
export const operator = (commandId: string, reason: string | null = 'test') => ({
  commandId,
  issuedBy: 'cli:alice@desk',
  reason,
});
