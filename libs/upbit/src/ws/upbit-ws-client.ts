import { EventEmitter } from 'node:events';
import type { UpbitError } from '../errors/upbit.errors.js';
import { decodeFrame, type CodecFor, type RawFrame } from './frame-decoder.js';
import { ReconnectingSocket, type SocketOptions } from './reconnecting-socket.js';
import { Subscriptions, type WsFormat } from './subscriptions.js';

/** Settings of a WebSocket client. */
export interface WsClientOptions extends SocketOptions {
  /** Requested frame format. Default `SIMPLE` (smaller frames; keys are mapped back). */
  readonly format?: WsFormat;
  /** Least spacing between subscription requests (Upbit: 5 messages/s). Default 250 ms. */
  readonly minRequestIntervalMs?: number;
}

/** Events of a WebSocket client. Listener exceptions are caught and reported as `issue`. */
export interface WsClientEvents<M> {
  /** One decoded, typed message. */
  message: [message: M];
  /**
   * After every successful connect, the first included (`connection` = 1, 2, ...), once the
   * full subscription has been sent. Private streams have no snapshot: reconcile by REST here.
   */
  reconnected: [info: { readonly connection: number }];
  /** The connection closed; a reconnect follows unless the client was closed. */
  disconnected: [info: { readonly code: number; readonly reason: string }];
  /** A reconnect is scheduled: `attempt` counts from 0 and starts over after a healthy period. */
  reconnecting: [info: { readonly attempt: number; readonly delayMs: number }];
  /**
   * A frame that failed to decode (dropped), a server error frame, a stall, a connect failure,
   * or an upgrade refused with HTTP (`UpbitWsHandshakeError`: a dead key on the private socket).
   */
  issue: [error: UpbitError | Error];
}

/**
 * Shared machinery of the public and private clients: one {@link ReconnectingSocket}, the full
 * subscription set resent on every connect and on every change (coalesced and spaced), and
 * frame decoding that reports problems instead of throwing.
 */
export abstract class UpbitWsClient<M> extends EventEmitter<WsClientEvents<M>> {
  protected readonly subscriptions = new Subscriptions();
  private readonly socket: ReconnectingSocket;
  private sendTimer: NodeJS.Timeout | undefined;
  private lastRequestAt = 0;

  protected constructor(
    url: string,
    private readonly options: WsClientOptions,
    private readonly codecFor: CodecFor<M>,
    headers?: () => Promise<Record<string, string>>,
  ) {
    super();
    this.socket = new ReconnectingSocket(url, options, headers);
    this.socket.on('frame', (data) => this.onFrame(data));
    this.socket.on('issue', (error) => this.safeEmit('issue', error));
    this.socket.on('close', (code, reason) => this.safeEmit('disconnected', { code, reason }));
    this.socket.on('retry', (attempt, delayMs) =>
      this.safeEmit('reconnecting', { attempt, delayMs }),
    );
    this.socket.on('open', (connection) => {
      clearTimeout(this.sendTimer);
      this.sendTimer = undefined;
      this.sendNow();
      this.safeEmit('reconnected', { connection });
    });
  }

  /** Opens the connection (and keeps it open until {@link UpbitWsClient.close}). */
  start(): this {
    this.socket.start();
    return this;
  }

  /** Closes for good. */
  async close(): Promise<void> {
    clearTimeout(this.sendTimer);
    await this.socket.close();
  }

  /** Drops the current connection to force a reconnect with a full resubscribe. */
  reconnect(): void {
    this.socket.drop();
  }

  /**
   * Ends a reconnect backoff wait (or a hold) at once: access came back. Nothing while connected.
   */
  reconnectNow(): void {
    this.socket.retryNow();
  }

  /** Makes no more connection attempts until {@link UpbitWsClient.reconnectNow} (access lost). */
  holdReconnects(): void {
    this.socket.holdReconnects();
  }

  /** Connection attempts made so far (each one is a handshake the server sees). */
  get handshakes(): number {
    return this.socket.handshakes;
  }

  /** Sends the whole subscription set soon (coalesces bursts of changes); a connect sends it anyway. */
  protected resubscribe(): void {
    if (this.sendTimer !== undefined || !this.socket.isOpen) return;
    const spacing = this.options.minRequestIntervalMs ?? 250;
    const wait = Math.max(0, this.lastRequestAt + spacing - Date.now());
    this.sendTimer = setTimeout(() => {
      this.sendTimer = undefined;
      this.sendNow();
    }, wait);
  }

  private sendNow(): void {
    if (this.subscriptions.empty) return;
    if (this.socket.send(this.subscriptions.request(this.options.format ?? 'SIMPLE')))
      this.lastRequestAt = Date.now();
  }

  private onFrame(data: RawFrame): void {
    const { messages, issues } = decodeFrame(data, this.codecFor);
    for (const issue of issues) this.safeEmit('issue', issue);
    for (const message of messages) this.safeEmit('message', message);
  }

  private safeEmit<K extends keyof WsClientEvents<M>>(
    event: K,
    ...args: WsClientEvents<M>[K]
  ): void {
    try {
      (this.emit as (e: K, ...a: WsClientEvents<M>[K]) => boolean)(event, ...args);
    } catch (error) {
      if (event !== 'issue')
        this.safeEmit('issue', error instanceof Error ? error : new Error(String(error)));
    }
  }
}
