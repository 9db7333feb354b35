import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import type { UpbitError } from '../errors/upbit.errors.js';
import type { IncomingMessage } from 'node:http';
import { readErrorBody } from '../errors/error-body.js';
import {
  UpbitWsConnectionError,
  UpbitWsHandshakeError,
  UpbitWsStallError,
} from '../errors/ws.errors.js';
import { backoffDelay, type BackoffOptions } from '../http/backoff.js';
import type { RandomSource } from '../http/clock.js';
import type { RawFrame } from './frame-decoder.js';
import { DEFAULT_PING_INTERVAL_MS, DEFAULT_STALL_TIMEOUT_MS, stallVerdict } from './liveness.js';

/** Connection settings shared by the public and private clients; all have defaults. */
export interface SocketOptions {
  /** WebSocket ping period; Upbit closes a connection idle for about 120 s. Default 4 s. */
  readonly pingIntervalMs?: number;
  /** No frame (and no pong) for this long -> drop and reconnect. Default 12 s; 0 disables. */
  readonly stallTimeoutMs?: number;
  /** What counts as a sign of life: any frame including pongs (`any`, default) or data frames only. */
  readonly stallOn?: 'any' | 'data';
  /** Reconnect backoff. Default 500 ms doubling to 30 s, with jitter. */
  readonly backoff?: BackoffOptions;
  /** Connected this long -> the backoff starts over. Default 30 s. */
  readonly healthyAfterMs?: number;
  /** Default 10 s. */
  readonly handshakeTimeoutMs?: number;
  /** Largest accepted frame. Default 8 MiB. */
  readonly maxPayloadBytes?: number;
  readonly random?: RandomSource;
}

interface SocketEvents {
  open: [connection: number];
  frame: [data: RawFrame];
  close: [code: number, reason: string];
  retry: [attempt: number, delayMs: number];
  issue: [error: UpbitError];
}

/**
 * One logical WebSocket that stays up: reconnects with bounded, jittered backoff (reset after a
 * healthy period), pings to keep the connection alive, and drops a connection that has been
 * silent past the stall deadline. Headers are built anew for every connect (fresh JWT nonce).
 */
export class ReconnectingSocket extends EventEmitter<SocketEvents> {
  private ws: WebSocket | undefined;
  private stopped = true;
  private attempts = 0;
  private connections = 0;
  private lastLife = 0;
  private handshakeCount = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private held = false;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly url: string,
    private readonly options: SocketOptions = {},
    private readonly headers: () => Promise<Record<string, string>> = async () => ({}),
  ) {
    super();
  }

  /** Starts connecting (idempotent). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    void this.connect();
  }

  /** True while a connection is open. */
  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** Sends text on the open connection; false when not connected (the caller resends on open). */
  send(text: string): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(text);
    return true;
  }

  /** Connection attempts (handshakes) made so far: what a refusing server sees. */
  get handshakes(): number {
    return this.handshakeCount;
  }

  /**
   * Connects now when waiting out a reconnect backoff or held (the reason for the wait is gone,
   * e.g. access to the account came back), with the backoff starting over; nothing when
   * connected or connecting.
   */
  retryNow(): void {
    const wasHeld = this.held;
    this.held = false;
    const timer = this.retryTimer;
    if (this.stopped || this.ws !== undefined || (timer === undefined && !wasHeld)) return;
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(timer);
    }
    this.retryTimer = undefined;
    this.attempts = 0;
    void this.connect();
  }

  /**
   * Makes no more connection attempts after the current connection (if any) ends, until
   * {@link ReconnectingSocket.retryNow}: a server that refuses the key would only count refused
   * handshakes. A wait already scheduled is cancelled.
   */
  holdReconnects(): void {
    this.held = true;
    if (this.retryTimer === undefined) return;
    clearTimeout(this.retryTimer);
    this.timers.delete(this.retryTimer);
    this.retryTimer = undefined;
  }

  /** Drops the current connection; it reconnects as after any failure. */
  drop(): void {
    this.ws?.terminate();
  }

  /** Stops for good: no reconnect; resolves once the socket is closed. */
  async close(): Promise<void> {
    this.stopped = true;
    this.clearTimers();
    const ws = this.ws;
    if (ws === undefined || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => ws.terminate(), 1000);
      ws.once('close', () => {
        clearTimeout(force);
        resolve();
      });
      if (ws.readyState === WebSocket.OPEN) ws.close(1000);
      else ws.terminate();
    });
  }

  private async connect(): Promise<void> {
    let headers: Record<string, string>;
    try {
      headers = await this.headers();
    } catch (cause) {
      this.issue(new UpbitWsConnectionError('could not build the connect headers', { cause }));
      return this.scheduleReconnect();
    }
    if (this.stopped) return;
    this.handshakeCount += 1;
    const ws = new WebSocket(this.url, {
      headers,
      handshakeTimeout: this.options.handshakeTimeoutMs ?? 10_000,
      maxPayload: this.options.maxPayloadBytes ?? 8 * 1024 * 1024,
      perMessageDeflate: false,
    });
    this.ws = ws;
    ws.on('open', () => this.onOpen(ws));
    ws.on('message', (data) => {
      this.lastLife = Date.now();
      this.emit('frame', data);
    });
    ws.on('pong', () => this.alive());
    ws.on('ping', () => this.alive());
    let refused = false;
    ws.on('unexpected-response', (_req, res) => {
      refused = true;
      this.onRefused(ws, res);
    });
    ws.on('error', (err) => {
      if (!refused) this.issue(new UpbitWsConnectionError(err.message, { cause: err }));
    });
    ws.on('close', (code, reason) => this.onClose(ws, code, reason.toString('utf8')));
  }

  /** The upgrade was answered with HTTP (401 of a dead key, 429, 503): read why, then give up. */
  private onRefused(ws: WebSocket, res: IncomingMessage): void {
    const status = res.statusCode ?? 0;
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(guard);
      const { name, message } = readErrorBody(status, Buffer.concat(chunks).toString('utf8'));
      this.issue(new UpbitWsHandshakeError(status, name, message));
      ws.terminate();
    };
    const guard = setTimeout(finish, 1000);
    res.on('data', (chunk: Buffer) => {
      if (size < 4096) chunks.push(chunk);
      size += chunk.length;
    });
    res.once('end', finish);
    res.once('error', finish);
    res.once('close', finish);
  }

  private onOpen(ws: WebSocket): void {
    this.connections += 1;
    this.lastLife = Date.now();
    const ping = this.options.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
    const interval = setInterval(() => ws.readyState === WebSocket.OPEN && ws.ping(), ping);
    this.timers.add(interval);
    this.later(() => (this.attempts = 0), this.options.healthyAfterMs ?? 30_000);
    this.armStall(ws, this.options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS);
    this.emit('open', this.connections);
  }

  private alive(): void {
    if (this.options.stallOn !== 'data') this.lastLife = Date.now();
  }

  private armStall(ws: WebSocket, deadline: number): void {
    if (deadline <= 0) return;
    const check = (): void => {
      if (ws !== this.ws) return;
      const verdict = stallVerdict(Date.now(), this.lastLife, deadline);
      if (!verdict.stalled) return void this.later(check, verdict.checkAgainInMs);
      this.issue(new UpbitWsStallError(verdict.silentMs));
      ws.terminate();
    };
    this.later(check, deadline);
  }

  private onClose(ws: WebSocket, code: number, reason: string): void {
    if (ws !== this.ws) return;
    this.ws = undefined;
    this.clearTimers();
    this.emit('close', code, reason);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.held) return;
    const backoff = this.options.backoff ?? { initialMs: 500, maxMs: 30_000 };
    const attempt = this.attempts++;
    const delay = backoffDelay(attempt, backoff, this.options.random);
    this.emit('retry', attempt, delay);
    this.retryTimer = this.later(() => {
      this.retryTimer = undefined;
      void this.connect();
    }, delay);
  }

  private later(fn: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private clearTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.retryTimer = undefined;
  }

  private issue(error: UpbitError): void {
    if (!this.stopped) this.emit('issue', error);
  }
}
