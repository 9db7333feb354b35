import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectNatsBus, type Bus, type Subscription } from '@hoga/bus';
import { subjects, type PositionState } from '@hoga/contracts';
import type { PositionId } from '@hoga/model';
import { startEmulator, type RunningEmulator } from '@hoga/upbit-emulator';
import {
  createTestDatabase,
  startPrivateNats,
  type PrivateNats,
  type TestDatabase,
} from './infrastructure.js';
import { E2E_ACCESS_KEY, E2E_SECRET_KEY } from './service-env.js';

/** What a system-test world stands on. */
export interface InfrastructureOptions {
  /** Names the database, the temp dir and nothing else. */
  readonly label: string;
  /** Markets of the emulator and their start prices (KRW); prices stay put until moved. */
  readonly markets: Readonly<Record<string, string>>;
  /** KRW of the test account. */
  readonly krw: string;
}

/** Collects cleanup failures instead of stopping at the first. */
export type Attempt = (cleanup: () => Promise<unknown>) => Promise<void>;

/**
 * The infrastructure under every e2e stack: a test database (and a small pool on it), a private
 * nats-server with JetStream, the Upbit emulator with one funded account, an observing bus that
 * records every published position state, and a temp dir for the services' log. The stacks add
 * their processes and other observers on top.
 */
export class StackInfrastructure {
  readonly logFile: string;
  /** Every position state (`subjects.positionState('*')`) seen, in arrival order. */
  readonly states: PositionState[] = [];
  #states?: Subscription;
  readonly #tmp: string;
  #db?: TestDatabase;
  #nats?: PrivateNats;
  #emulator?: RunningEmulator;
  #bus?: Bus;
  #pool?: pg.Pool;

  constructor(readonly options: InfrastructureOptions) {
    this.#tmp = mkdtempSync(join(tmpdir(), `hoga-e2e-${options.label}-`));
    this.logFile = join(this.#tmp, 'services.log');
  }

  get emulator(): RunningEmulator {
    return this.#started(this.#emulator);
  }
  get bus(): Bus {
    return this.#started(this.#bus);
  }
  get pool(): pg.Pool {
    return this.#started(this.#pool);
  }
  get natsUrl(): string {
    return this.#started(this.#nats).url;
  }
  get databaseUrl(): string {
    return this.#started(this.#db).url;
  }

  async start(): Promise<void> {
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
    this.#states = await this.#bus.subscribe(
      subjects.positionState('*'),
      (d) => void this.states.push(d.data),
    );
  }

  /** The last published live state of a position. */
  lastState(positionId: PositionId): PositionState | undefined {
    return this.states.findLast((s) => s.data.positionId === positionId);
  }

  /** The services' log so far (shown when a test fails). */
  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '(no log)';
    }
  }

  /** Closes everything it started (after the stack's processes and observers), and the temp dir. */
  async dispose(attempt: Attempt): Promise<void> {
    if (this.#states !== undefined) await attempt(() => this.#states!.unsubscribe());
    if (this.#bus !== undefined) await attempt(() => this.#bus!.close());
    if (this.#emulator !== undefined) await attempt(() => this.#emulator!.close());
    if (this.#nats !== undefined) await attempt(() => this.#nats!.stop());
    if (this.#pool !== undefined) await attempt(() => this.#pool!.end());
    if (this.#db !== undefined) await attempt(() => this.#db!.dispose());
    rmSync(this.#tmp, { recursive: true, force: true });
  }

  #started<T>(part: T | undefined): T {
    if (part === undefined) throw new Error('stack not started');
    return part;
  }
}

/** Runs cleanups one after another, collecting failures; reports them at the end. */
export async function cleanUp(steps: (attempt: Attempt) => Promise<void>): Promise<void> {
  const errors: unknown[] = [];
  await steps(async (cleanup) => {
    try {
      await cleanup();
    } catch (error) {
      errors.push(error);
    }
  });
  if (errors.length > 0) console.error('e2e cleanup errors', errors);
}
