import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
