import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OtlpDecodeError, spansOfJson, spansOfProtobuf, type ReceivedSpan } from './otlp-spans.js';
import { ProtobufDecodeError } from './protobuf-reader.js';

/** A request the receiver refused, and why (kept so a test can see what went wrong). */
export interface RefusedExport {
  readonly status: number;
  readonly reason: string;
}

const MAX_BODY = 16 * 1024 * 1024;

async function bodyOf(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * A small OTLP/HTTP trace receiver for tests: `POST /v1/traces` with an
 * `ExportTraceServiceRequest` in protobuf (`application/x-protobuf`) or JSON
 * (`application/json`), gzip refused. Spans are kept in arrival order; a body that does not
 * decode gets 400 with the reason (and is kept in `refused`), anything else 404/405/415.
 */
export class OtlpReceiver {
  readonly spans: ReceivedSpan[] = [];
  readonly refused: RefusedExport[] = [];
  #server: Server | undefined;

  /** `http://127.0.0.1:<port>/v1/traces` once started. */
  get tracesUrl(): string {
    const address = this.#server?.address() as AddressInfo | null | undefined;
    if (address == null) throw new Error('the OTLP receiver is not started');
    return `http://127.0.0.1:${address.port}/v1/traces`;
  }

  /** Listens on a free loopback port. */
  async start(): Promise<this> {
    const server = createServer((req, res) => {
      void this.#handle(req)
        .catch((error: unknown) => {
          const reason = `receiver failed: ${error instanceof Error ? error.message : String(error)}`;
          this.refused.push({ status: 500, reason });
          return { status: 500, type: 'text/plain', body: reason };
        })
        .then(({ status, type, body }) => {
          res.writeHead(status, { 'content-type': type }).end(body);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    return this;
  }

  /** The spans of one trace, in arrival order. */
  trace(traceId: string): ReceivedSpan[] {
    return this.spans.filter((s) => s.traceId === traceId);
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async #handle(
    req: IncomingMessage,
  ): Promise<{ status: number; type: string; body: string | Uint8Array }> {
    const refuse = (status: number, reason: string) => {
      this.refused.push({ status, reason });
      return { status, type: 'application/json', body: JSON.stringify({ error: reason }) };
    };
    if (req.url !== '/v1/traces') return refuse(404, `no such path: ${req.url ?? ''}`);
    if (req.method !== 'POST') return refuse(405, `${req.method ?? ''} is not POST`);
    if ((req.headers['content-encoding'] ?? 'identity') !== 'identity')
      return refuse(415, 'compressed bodies are not read here');
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    if (type !== 'application/json' && type !== 'application/x-protobuf')
      return refuse(415, `content-type ${type || '(none)'} is neither OTLP JSON nor protobuf`);
    const body = await bodyOf(req);
    if (body === undefined) return refuse(413, 'body larger than 16 MiB');
    try {
      const spans =
        type === 'application/json' ? spansOfJson(body.toString('utf8')) : spansOfProtobuf(body);
      this.spans.push(...spans);
    } catch (error) {
      if (error instanceof OtlpDecodeError || error instanceof ProtobufDecodeError)
        return refuse(400, `${error.name}: ${error.message}`);
      throw error;
    }
    // An empty ExportTraceServiceResponse: `{}` in JSON, zero bytes in protobuf.
    return type === 'application/json'
      ? { status: 200, type, body: '{}' }
      : { status: 200, type, body: new Uint8Array() };
  }
}
