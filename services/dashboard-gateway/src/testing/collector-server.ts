import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request the collector received. */
export interface CollectedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
}

/**
 * A small real HTTP server standing in for Grafana Alloy's `faro.receiver` in tests: it records
 * every request and answers `status` (202 by default), or never answers while `hang` is set.
 */
export class CollectorServer {
  readonly requests: CollectedRequest[] = [];
  status = 202;
  hang = false;
  private server: Server | undefined;
  private readonly open = new Set<Socket>();

  /** `http://127.0.0.1:<port>/collect` once started. */
  url = '';

  async start(): Promise<this> {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          /* kept as text */
        }
        this.requests.push({
          method: request.method ?? '',
          path: request.url ?? '',
          headers: request.headers,
          body,
        });
        if (this.hang) return;
        response.writeHead(this.status, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    server.on('connection', (socket) => {
      this.open.add(socket);
      socket.on('close', () => this.open.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}/collect`;
    return this;
  }

  /** Resolves once `test` holds (polled every 20 ms), or rejects after `timeoutMs`. */
  async waitFor(test: (requests: readonly CollectedRequest[]) => boolean, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    while (!test(this.requests)) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the collector');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }
}
