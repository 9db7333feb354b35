import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake received, and the HTTP status it answered (0 while hanging). */
export interface FakeRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  readonly raw: string;
  readonly json: Record<string, unknown>;
  readonly receivedAt: number;
  readonly status: number;
}

/** A `sendMessage` the fake accepted (answered 200). */
export interface SentMessage {
  readonly path: string;
  readonly chatId: string;
  readonly text: string;
}

/** How the fake answers the next request: `ok`, a status with a Bot API error, or hang. */
export type FakeAnswer =
  | { readonly kind: 'ok' }
  | { readonly kind: 'error'; readonly status: number; readonly retryAfter?: number }
  | { readonly kind: 'hang' };

/**
 * A local fake of the Telegram Bot API (and of a webhook receiver) on 127.0.0.1: records every
 * request, answers from a queue of scripted answers (then `ok`), can hang until released; while
 * `failing` every request is answered 500 (counted in `failedCalls`). `close()` takes it down
 * (connection refused); `listen()` brings it back on the same port. Shared by the tests of
 * libs/notify, risk-guard and the system tests (`@hoga/notify/testing`).
 */
export class FakeTelegram {
  readonly requests: FakeRequest[] = [];
  /** While true, every request is answered 500. */
  failing = false;
  failedCalls = 0;
  readonly #answers: FakeAnswer[] = [];
  readonly #hanging: ServerResponse[] = [];
  #server: Server | undefined;
  #port = 0;

  /** Listens on `port` (0: any free port; the same port again after `close`). */
  async listen(port = this.#port): Promise<string> {
    const server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  /** Scripts the answers to the next requests, in order. */
  answerNext(...answers: FakeAnswer[]): void {
    this.#answers.push(...answers);
  }

  /** Answers every hanging request with `ok`. */
  release(): void {
    for (const res of this.#hanging.splice(0)) reply(res, 200, { ok: true, result: {} });
  }

  get hangingCount(): number {
    return this.#hanging.length;
  }

  /** The messages delivered: requests with a `chat_id` answered 200, oldest first. */
  get messages(): SentMessage[] {
    return this.requests
      .filter((r) => r.status === 200 && r.json['chat_id'] !== undefined)
      .map((r) => ({
        path: r.path,
        chatId: String(r.json['chat_id']),
        text: String(r.json['text']),
      }));
  }

  /** The delivered messages starting with `prefix` (`🚨 [URGENT]` for urgent alerts). */
  startingWith(prefix: string): SentMessage[] {
    return this.messages.filter((m) => m.text.startsWith(prefix));
  }

  /** Stops listening (later requests: connection refused). */
  async close(): Promise<void> {
    this.release();
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const json = JSON.parse(raw) as Record<string, unknown>;
    const answer: FakeAnswer = this.failing
      ? { kind: 'error', status: 500 }
      : (this.#answers.shift() ?? { kind: 'ok' });
    if (this.failing) this.failedCalls += 1;
    const status = answer.kind === 'ok' ? 200 : answer.kind === 'error' ? answer.status : 0;
    this.requests.push({
      path: req.url ?? '',
      headers: req.headers,
      raw,
      json,
      receivedAt: Date.now(),
      status,
    });
    if (answer.kind === 'hang') this.#hanging.push(res);
    else if (answer.kind === 'ok')
      reply(res, 200, { ok: true, result: { message_id: this.requests.length } });
    else
      reply(res, answer.status, {
        ok: false,
        error_code: answer.status,
        description: answer.status === 429 ? 'Too Many Requests' : 'Internal Server Error',
        ...(answer.retryAfter === undefined
          ? {}
          : { parameters: { retry_after: answer.retryAfter } }),
      });
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
