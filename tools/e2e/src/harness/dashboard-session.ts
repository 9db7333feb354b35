import * as E from 'fp-ts/lib/Either.js';
import { WebSocket } from 'ws';
import { opsRequest, requestOps, type Bus } from '@hoga/bus';
import type { DashboardRole } from '@hoga/contracts';
import { eventually } from '@hoga/testkit';

/** The gateway's session cookie (ADR 0038). */
const SESSION_COOKIE = 'hoga_session';

/** A reply as a scenario reads it. */
export interface HttpReply {
  readonly status: number;
  readonly json: unknown;
  readonly text: string;
}

/** A frame of the live socket (`hello`, `snapshot`, `delta`, …), parsed. */
export type LiveFrame = Readonly<Record<string, unknown>> & { readonly type: string };

async function ops<T>(bus: Bus, verb: 'status' | 'login-link', data: unknown): Promise<T> {
  const request = opsRequest('dashboard-gateway', verb, data);
  if (E.isLeft(request)) throw new Error(request.left.message);
  const reply = (await requestOps(bus, 'dashboard-gateway', verb, request.right as never, {
    timeoutMs: 3_000,
  })) as { ok: boolean };
  if (!reply.ok) throw new Error(`dashboard-gateway ${verb}: ${JSON.stringify(reply)}`);
  return reply as T;
}

/**
 * A browser's view of the dashboard-gateway process: logged in through a one-time link from the
 * `login-link` ops endpoint (as `hoga dashboard url` does), its session cookie and CSRF token,
 * the dashboard's Origin on every request; the live WebSocket recording every frame.
 */
export class DashboardSession {
  readonly frames: LiveFrame[] = [];
  #socket?: WebSocket;

  private constructor(
    readonly base: string,
    readonly cookie: string,
    readonly csrfToken: string,
    readonly user: string,
  ) {}

  /** Logs `user` in with `role` on the gateway that answers on `bus`. */
  static async login(bus: Bus, user: string, role: DashboardRole): Promise<DashboardSession> {
    const { url } = await ops<{ url: string }>(bus, 'status', {});
    const link = await ops<{ url: string }>(bus, 'login-link', { user, role });
    const landing = await fetch(link.url, { redirect: 'manual' });
    if (landing.status !== 303) throw new Error(`login link answered ${landing.status}`);
    const cookie = /hoga_session=([^;]+)/.exec(landing.headers.get('set-cookie') ?? '')?.[1];
    if (cookie === undefined) throw new Error('the login link set no session cookie');
    const session = await fetch(new URL('/api/session', url), {
      headers: { cookie: `${SESSION_COOKIE}=${cookie}` },
    });
    const view = (await session.json()) as { csrfToken: string; user: string };
    return new DashboardSession(url, cookie, view.csrfToken, view.user);
  }

  get origin(): string {
    return new URL(this.base).origin;
  }

  async request(method: string, path: string, body?: unknown): Promise<HttpReply> {
    const headers: Record<string, string> = {
      cookie: `${SESSION_COOKIE}=${this.cookie}`,
      origin: this.origin,
      'x-csrf-token': this.csrfToken,
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(new URL(path, this.base), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  }
  get = (path: string) => this.request('GET', path);
  post = (path: string, body: unknown) => this.request('POST', path, body);

  /**
   * Sends a command as the page does: one command id for the click, the same id again while
   * the answer is `503 unavailable` (a service starting, its partition not yet owned).
   */
  command(path: string, body: Readonly<Record<string, unknown>>): Promise<HttpReply> {
    return eventually(
      async () => {
        const reply = await this.post(path, body);
        if (reply.status === 503) throw new Error(`${path}: ${reply.text}`);
        return reply;
      },
      15_000,
      200,
    );
  }

  /** Opens the live socket and subscribes to `channels` (more with {@link sub}). */
  async live(channels: readonly string[]): Promise<void> {
    const url = new URL('/api/live', this.base);
    url.protocol = 'ws:';
    const socket = new WebSocket(url, {
      headers: { cookie: `${SESSION_COOKIE}=${this.cookie}` },
      origin: this.origin,
    });
    socket.on('message', (raw: Buffer) =>
      this.frames.push(JSON.parse(raw.toString('utf8')) as LiveFrame),
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    this.#socket = socket;
    for (const ch of channels) this.sub(ch);
  }

  sub(ch: string): void {
    this.#socket?.send(JSON.stringify({ op: 'sub', ch }));
  }

  /** The data of every snapshot entry and `delta` on a channel (under `key` if given), in order. */
  values(ch: string, key?: string): unknown[] {
    const wanted = (k: unknown) => key === undefined || k === key;
    return this.frames.flatMap((f) => {
      if (f['ch'] !== ch) return [];
      if (f.type === 'delta') return wanted(f['key']) ? [f['data']] : [];
      if (f.type !== 'snapshot') return [];
      const entries = f['entries'] as { key: string; data: unknown }[];
      return entries.filter((e) => wanted(e.key)).map((e) => e.data);
    });
  }

  /** Waits until `test` holds over the frames received so far. */
  until<T>(test: () => T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
    return eventually(
      () => {
        const value = test();
        if (value === undefined || value === false) throw new Error(`no ${what} yet`);
        return value;
      },
      timeoutMs,
      50,
    );
  }

  async close(): Promise<void> {
    const socket = this.#socket;
    if (socket === undefined || socket.readyState === WebSocket.CLOSED) return;
    await new Promise((resolve) => {
      socket.once('close', resolve);
      socket.close();
    });
  }
}
