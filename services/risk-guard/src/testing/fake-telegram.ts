import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One `sendMessage` the fake received. */
export interface SentMessage {
  readonly path: string;
  readonly chatId: string;
  readonly text: string;
}

/**
 * A tiny local Telegram Bot API on 127.0.0.1: answers every request `{ ok: true }` and records
 * it. `close()` takes it down (connection refused); `listen()` brings it back on the same port.
 */
export class FakeTelegram {
  readonly messages: SentMessage[] = [];
  #server: Server | undefined;
  #port = 0;

  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
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
    await new Promise<void>((resolve) => server.listen(this.#port, '127.0.0.1', resolve));
    this.#server = server;
    this.#port = (server.address() as AddressInfo).port;
    return this.url;
  }

  get url(): string {
    return `http://127.0.0.1:${String(this.#port)}`;
  }

  /** The messages starting with `prefix` (`🚨 [URGENT]` for urgent alerts). */
  startingWith(prefix: string): SentMessage[] {
    return this.messages.filter((m) => m.text.startsWith(prefix));
  }

  async close(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
