import type { IncomingMessage, ServerResponse } from 'node:http';
import { validationError } from '../exchange/exchange-error.js';
import { errorReply, type ApiReply } from './api.js';

const MAX_BODY_BYTES = 64 * 1024;

/** The outcome of reading a request body: a JSON object, nothing, or an error reply. */
export type BodyResult =
  | {
      readonly kind: 'ok';
      readonly body: Readonly<Record<string, unknown>> | undefined;
      /** The text `body` was parsed from. */
      readonly text?: string;
    }
  | { readonly kind: 'error'; readonly reply: ApiReply };

/** Reads a JSON object body (Upbit accepts `application/json` only); empty bodies are fine. */
export async function readJsonBody(req: IncomingMessage): Promise<BodyResult> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES)
      return {
        kind: 'error',
        reply: {
          status: 413,
          body: { error: { name: 'validation_error', message: 'body too large' } },
        },
      };
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return { kind: 'ok', body: undefined };
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) {
    return {
      kind: 'error',
      reply: errorReply(validationError('Content-Type must be application/json')),
    };
  }
  try {
    const body: unknown = JSON.parse(text);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      return { kind: 'error', reply: errorReply(validationError('body must be a JSON object')) };
    }
    return { kind: 'ok', body: body as Record<string, unknown>, text };
  } catch {
    return { kind: 'error', reply: errorReply(validationError('body is not valid JSON')) };
  }
}

/** Writes a reply: JSON (UTF-8), or text/plain when `reply.text` is set. */
export function sendReply(
  res: ServerResponse,
  reply: ApiReply,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = reply.text === true;
  const payload = text ? String(reply.body) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...headers,
    'Content-Type': text ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
  });
  res.end(payload);
}
