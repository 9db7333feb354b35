import type { WebSocket } from 'ws';
import { toSimple } from './simple-format.js';
import type { TypeRequest, WsError, WsRequest } from './ws-request.js';

/** Timing and framing of sessions. */
export interface SessionOptions {
  readonly idleTimeoutMs: number;
  readonly statusIntervalMs: number;
  readonly frames: 'binary' | 'text';
}

/**
 * One WebSocket connection: its current subscription (a new request replaces it), its idle
 * timer (reset by anything the client sends, pings included) and the `{"status":"UP"}` beat
 * that a text `PING` starts.
 */
export class WsSession {
  private request: WsRequest | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  private frozenNow = false;

  constructor(
    readonly socket: WebSocket,
    readonly kind: 'public' | 'private',
    readonly accessKey: string | undefined,
    private readonly options: SessionOptions,
  ) {
    this.touch();
    socket.on('ping', () => this.touch());
    socket.on('pong', () => this.touch());
    socket.on('close', () => this.stopTimers());
  }

  /** The client sent something: the idle countdown starts over. */
  touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(
      () => this.socket.close(1000, 'idle timeout'),
      this.options.idleTimeoutMs,
    );
  }

  /** Replaces the subscription. */
  subscribe(request: WsRequest): void {
    this.request = request;
  }

  /** The subscription entry for `type` covering `code` (any code for myOrder without codes). */
  wants(type: string, code?: string): TypeRequest | undefined {
    const t = this.request?.types.find((r) => r.type === type);
    if (!t) return undefined;
    if (code === undefined || t.codes.length === 0 || t.codes.includes(code)) return t;
    return undefined;
  }

  /** Answers a text `PING` and keeps sending `{"status":"UP"}` while the connection lives. */
  startStatusBeat(): void {
    this.sendRaw({ status: 'UP' });
    this.statusTimer ??= setInterval(
      () => this.sendRaw({ status: 'UP' }),
      this.options.statusIntervalMs,
    );
  }

  /** Sends a data frame in the subscription's format. */
  send(frame: Record<string, unknown>): void {
    const format = this.request?.format ?? 'DEFAULT';
    const shaped = format === 'SIMPLE' || format === 'SIMPLE_LIST' ? toSimple(frame) : frame;
    this.sendRaw(format.endsWith('_LIST') ? [shaped] : shaped);
  }

  /** Sends `{"error":{"name","message"}}`. */
  sendError(error: WsError): void {
    this.sendRaw({ error: { name: error.name, message: error.message } });
  }

  /** True while frozen. */
  get frozen(): boolean {
    return this.frozenNow;
  }

  /**
   * Freezes the connection without closing it (a hung server or a dead route): nothing is sent
   * any more (data frames, status beats, errors), and nothing the client sends is read, so a
   * text `PING` or a WebSocket ping goes unanswered. {@link WsSession.thaw} undoes it.
   */
  freeze(): void {
    this.frozenNow = true;
    this.socket.pause();
  }

  /** Ends a freeze: what the client sent meanwhile is read now; frames flow again. */
  thaw(): void {
    this.frozenNow = false;
    this.socket.resume();
  }

  /** Closes the connection at once, like a dropped network. */
  drop(): void {
    this.stopTimers();
    this.socket.terminate();
  }

  private sendRaw(value: unknown): void {
    if (this.frozenNow || this.socket.readyState !== this.socket.OPEN) return;
    const json = JSON.stringify(value);
    if (this.options.frames === 'binary')
      this.socket.send(Buffer.from(json, 'utf8'), { binary: true });
    else this.socket.send(json);
  }

  private stopTimers(): void {
    clearTimeout(this.idleTimer);
    clearInterval(this.statusTimer);
    this.statusTimer = undefined;
  }
}
