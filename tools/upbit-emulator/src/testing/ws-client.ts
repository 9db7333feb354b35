import WebSocket from 'ws';
import { eventually } from './eventually.js';

/** One received frame: whether it came binary, and its JSON. */
export interface Received {
  readonly binary: boolean;
  readonly json: unknown;
}

/** A test WebSocket client that records every frame and the close. */
export class WsClient {
  readonly frames: Received[] = [];
  closed: { code: number } | undefined;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary: boolean) =>
      this.frames.push({ binary: isBinary, json: JSON.parse(data.toString('utf8')) as unknown }),
    );
    socket.on('close', (code: number) => (this.closed = { code }));
  }

  /** Connects (optionally with an Authorization header). Rejects with the HTTP status on refusal. */
  static connect(url: string, authorization?: string): Promise<WsClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(
        url,
        authorization ? { headers: { Authorization: authorization } } : {},
      );
      socket.once('open', () => resolve(new WsClient(socket)));
      socket.once('unexpected-response', (_req, res) =>
        reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode })),
      );
      socket.once('error', reject);
    });
  }

  /** Sends a JSON request (as text). */
  request(value: unknown): void {
    this.socket.send(JSON.stringify(value));
  }

  /** The JSON of frames matching `predicate`. */
  matching(predicate: (json: Record<string, unknown>) => boolean): Array<Record<string, unknown>> {
    return this.frames
      .map((f) => f.json as Record<string, unknown>)
      .filter((j) => j !== null && typeof j === 'object' && predicate(j));
  }

  /** Waits until at least `count` frames match. */
  async waitFor(
    predicate: (json: Record<string, unknown>) => boolean,
    what: string,
    count = 1,
  ): Promise<Array<Record<string, unknown>>> {
    return eventually(() => {
      const m = this.matching(predicate);
      return m.length >= count ? m : undefined;
    }, what);
  }

  /** Waits until the server closed the connection. */
  async waitClosed(): Promise<{ code: number }> {
    return eventually(() => this.closed, 'the connection to close');
  }

  /** Closes from the client side. */
  close(): void {
    this.socket.terminate();
  }
}
