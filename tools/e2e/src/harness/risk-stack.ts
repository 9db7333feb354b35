import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectNatsBus, type Bus, type Subscription } from '@hoga/bus';
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
import { startEmulator, type RunningEmulator } from '@hoga/upbit-emulator';
import { E2E_ACCESS_KEY, E2E_SECRET_KEY, serviceEnv } from './service-env.js';
import {
  createTestDatabase,
  startPrivateNats,
  type PrivateNats,
  type TestDatabase,
} from './infrastructure.js';
import { ServiceProcess, type ServiceName } from './service-process.js';

/** The four services of the risk scenario. */
export type RiskServiceName = ServiceName;
export const ALL_SERVICES: readonly RiskServiceName[] = [
  'market-feed',
  'order-executor',
  'position-actor',
  'risk-guard',
];

/** One `sendMessage` received by the fake Telegram. */
export interface SentMessage {
  readonly path: string;
  readonly chatId: string;
  readonly text: string;
}

/** A local Telegram Bot API on 127.0.0.1; `failing` answers 500 (nothing recorded). */
export class FakeTelegram {
  readonly messages: SentMessage[] = [];
  failing = false;
  failedCalls = 0;
  #server: Server | undefined;

  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        if (this.failing) {
          this.failedCalls++;
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: false, error_code: 500, description: 'down' }));
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        this.messages.push({
          path: req.url ?? '',
          chatId: String(body['chat_id']),
          text: String(body['text']),
        });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, result: { message_id: this.messages.length } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    return `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  }

  /** Urgent alerts (`🚨 [URGENT]`). */
  urgent(): SentMessage[] {
    return this.messages.filter((m) => m.text.startsWith('🚨 [URGENT]'));
  }

  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export interface RiskStackOptions {
  readonly label: string;
  readonly krw: string;
  /** market → start price. */
  readonly markets: Readonly<Record<string, string>>;
  readonly env?: Partial<Record<RiskServiceName, Record<string, string>>>;
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
  readonly states: PositionState[] = [];
  readonly logFile: string;
  readonly procs = new Map<RiskServiceName, ServiceProcess>();
  readonly #tmp: string;
  readonly #subs: Subscription[] = [];
  #db?: TestDatabase;
  #nats?: PrivateNats;
  #emulator?: RunningEmulator;
  #bus?: Bus;
  #pool?: pg.Pool;

  constructor(readonly options: RiskStackOptions) {
    this.#tmp = mkdtempSync(join(tmpdir(), `hoga-e2e-${options.label}-`));
    this.logFile = join(this.#tmp, 'services.log');
  }

  get emulator(): RunningEmulator {
    if (this.#emulator === undefined) throw new Error('stack not started');
    return this.#emulator;
  }
  get bus(): Bus {
    if (this.#bus === undefined) throw new Error('stack not started');
    return this.#bus;
  }
  get pool(): pg.Pool {
    if (this.#pool === undefined) throw new Error('stack not started');
    return this.#pool;
  }

  async init(): Promise<this> {
    this.#db = await createTestDatabase(`e2e_${this.options.label}`);
    this.#pool = new pg.Pool({ connectionString: this.#db.url, max: 3 });
    this.#nats = await startPrivateNats();
    this.#emulator = await startEmulator({
      port: 0,
      host: '127.0.0.1',
      seed: 7,
      markets: Object.entries(this.options.markets).map(([market, startPrice]) => ({
        market,
        startPrice,
        volatility: 0,
        jumpProbability: 0,
        book: { levelKrw: '1000000000' },
      })),
      accounts: [
        {
          accessKey: E2E_ACCESS_KEY,
          secretKey: E2E_SECRET_KEY,
          balances: { KRW: this.options.krw },
        },
      ],
      tickIntervalMs: 0,
      historyMinutes: 30,
      rateLimits: { enabled: false },
    });
    this.#bus = await connectNatsBus({ servers: this.#nats.url, namespace: '', name: 'e2e' });
    this.#subs.push(
      await this.#bus.subscribe(subjects.positionState('*'), (d) => void this.states.push(d.data)),
    );
    return this;
  }

  #env(service: RiskServiceName): NodeJS.ProcessEnv {
    return serviceEnv(service, {
      natsUrl: this.#nats?.url ?? '',
      databaseUrl: this.#db?.url ?? '',
      emulator: this.emulator,
      markets: Object.keys(this.options.markets),
      ...(this.options.env !== undefined ? { overrides: this.options.env } : {}),
    });
  }

  /** Starts (or restarts) the given services, in parallel; waits for their ready lines. */
  async start(services: readonly RiskServiceName[] = ALL_SERVICES): Promise<void> {
    await Promise.all(
      services.map(async (s) => {
        this.procs.set(s, await ServiceProcess.start(s, s, this.#env(s), this.logFile));
      }),
    );
  }

  /** `kill -9` every service process. */
  async killAll(): Promise<void> {
    for (const p of this.procs.values()) await p.kill9();
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

  lastState(positionId: PositionId): PositionState | undefined {
    return this.states.filter((s) => s.data.positionId === positionId).at(-1);
  }

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '(no log)';
    }
  }

  async dispose(): Promise<void> {
    const errors: unknown[] = [];
    const attempt = async (f: () => Promise<unknown>) => {
      try {
        await f();
      } catch (error) {
        errors.push(error);
      }
    };
    for (const p of this.procs.values()) await attempt(() => p.kill9());
    for (const s of this.#subs) await attempt(() => s.unsubscribe());
    if (this.#bus !== undefined) await attempt(() => this.#bus!.close());
    if (this.#emulator !== undefined) await attempt(() => this.#emulator!.close());
    if (this.#nats !== undefined) await attempt(() => this.#nats!.stop());
    if (this.#pool !== undefined) await attempt(() => this.#pool!.end());
    if (this.#db !== undefined) await attempt(() => this.#db!.dispose());
    rmSync(this.#tmp, { recursive: true, force: true });
    if (errors.length > 0) console.error('e2e cleanup errors', errors);
  }
}
