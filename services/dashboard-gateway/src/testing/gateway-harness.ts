import { connectNatsBus, removeNatsNamespace, type Bus } from '@hoga/bus';
import type { DashboardRole } from '@hoga/contracts';
import { PostgresEventStore } from '@hoga/event-store';
import { createLogger, type Logger, type LogRecord } from '@hoga/telemetry';
import { createTestSchema, testNamespace, testNatsUrl, type TestSchema } from '@hoga/testkit';
import { CSRF_HEADER, SESSION_COOKIE } from '../app/auth/guards.js';
import type { GatewaySettings } from '../config.js';
import { startService, type GatewayService } from '../service.js';

/** A reply as a test sees it. */
export interface TestReply {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
  readonly text: string;
}

/** A browser-like client: a session cookie and its CSRF token, the dashboard's Origin. */
export class TestClient {
  constructor(
    readonly base: string,
    readonly cookie: string | undefined,
    readonly csrfToken: string | undefined,
    readonly origin: string,
  ) {}

  /** Sends a request; `csrf: false` leaves the token out, `origin` overrides the Origin header. */
  async request(
    method: string,
    path: string,
    options: {
      body?: unknown;
      csrf?: boolean;
      origin?: string | null;
      headers?: Record<string, string>;
    } = {},
  ): Promise<TestReply> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie !== undefined) headers['cookie'] = `${SESSION_COOKIE}=${this.cookie}`;
    if (options.csrf !== false && this.csrfToken !== undefined)
      headers[CSRF_HEADER] = this.csrfToken;
    const origin = options.origin === undefined ? this.origin : options.origin;
    if (origin !== null) headers['origin'] = origin;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(new URL(path, this.base), {
      method,
      headers,
      body,
      redirect: 'manual',
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, json, text };
  }
  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown) => this.request('POST', path, { body: body ?? {} });
}

/**
 * A gateway on real NATS (its own namespace) and PostgreSQL (its own schema), port 0, for the
 * tests of every module. `client(role)` opens a session directly in the session store.
 */
export class GatewayHarness {
  readonly logs: LogRecord[] = [];
  readonly logger: Logger = createLogger({
    service: 'dashboard-gateway',
    level: 'debug',
    sinks: [(r) => this.logs.push(r)],
  });
  schema!: TestSchema;
  bus!: Bus;
  store!: PostgresEventStore;
  gateway!: GatewayService;
  namespace = '';
  servers = '';
  /**
   * Runs after the bus is up and before the gateway starts (e.g. fake services the gateway asks
   * at start), with the harness's namespace known.
   */
  beforeGateway: ((harness: this) => Promise<void>) | undefined;

  constructor(
    private readonly label: string,
    private readonly settings: Partial<GatewaySettings> = {},
  ) {}

  async start(): Promise<this> {
    this.schema = await createTestSchema(this.label);
    this.servers = await testNatsUrl();
    this.namespace = testNamespace(this.label);
    this.store = new PostgresEventStore({ ...this.schema.poolConfig, max: 4 });
    await this.store.migrate();
    this.bus = await connectNatsBus({
      servers: this.servers,
      namespace: this.namespace,
      name: 'dashboard-gateway',
      logger: this.logger,
    });
    await this.beforeGateway?.(this);
    this.gateway = await startService({
      bus: this.bus,
      store: this.store,
      logger: this.logger,
      database: this.schema.poolConfig,
      settings: { port: 0, ...this.settings },
    });
    return this;
  }

  /** A client with a fresh session of `role` (or none: `anonymous`). */
  client(role: DashboardRole | 'anonymous', user = `test:${role}`): TestClient {
    const origin = this.gateway.context.origin();
    if (role === 'anonymous') return new TestClient(this.gateway.url, undefined, undefined, origin);
    const session = this.gateway.context.sessions.open(user, role);
    return new TestClient(this.gateway.url, session.id, session.csrfToken, origin);
  }

  /** Resolves once `test` holds (polled every 10 ms), or rejects after `timeoutMs`. */
  async waitForLive(test: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the live state');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async stop(): Promise<void> {
    await this.gateway?.stop();
    await this.bus?.close();
    await this.store?.close();
    await removeNatsNamespace({ servers: this.servers, namespace: this.namespace }).catch(
      () => undefined,
    );
    await this.schema?.dispose();
  }
}
