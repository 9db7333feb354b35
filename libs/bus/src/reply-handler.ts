import type { RpcRoute } from '@hoga/contracts';
import * as E from 'fp-ts/lib/Either.js';
import type { BusLogger } from './bus-logger.js';
import { messageOf } from './bus.errors.js';
import { ErrorReplyHeader } from './bus-headers.js';
import type { Delivery, Headers } from './bus.port.js';
import type { DeadLetterSink } from './dead-letter-sink.js';
import { decodeMessage, encodeMessage } from './message-codec.js';
import type { Namespace } from './namespace.js';
import type { RawRequest } from './transport.port.js';

/** Error codes the bus itself sends back. */
export const ReplyErrorCode = {
  /** The request did not decode (it went to the dead-letter subject). */
  badRequest: 'bad_request',
  /** The handler's answer did not satisfy the reply codec. */
  badReply: 'bad_reply',
  /** The handler threw an error without a string `code`. */
  handlerError: 'handler_error',
} as const;

interface Context<Q, R> {
  readonly route: RpcRoute<Q, R>;
  readonly ns: Namespace;
  readonly logger: BusLogger;
  readonly deadLetter: DeadLetterSink;
}

const codeOf = (error: unknown): string => {
  const code =
    error !== null && typeof error === 'object' && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && code !== '' ? code : ReplyErrorCode.handlerError;
};

const errorHeaders = (code: string, description: string): Headers => ({
  [ErrorReplyHeader.code]: code,
  [ErrorReplyHeader.description]: description.slice(0, 1000) || code,
});

/** Decodes a request, runs the handler, and answers with the encoded reply or an error reply. */
export async function answerRequest<Q, R>(
  ctx: Context<Q, R>,
  raw: RawRequest,
  handler: (d: Delivery<Q>) => Promise<R>,
): Promise<void> {
  const subject = ctx.ns.strip(raw.subject);
  const respond = raw.respond;
  if (respond === undefined) {
    ctx.logger.warn('bus: request without a reply subject ignored', { subject });
    return;
  }
  const decoded = decodeMessage(ctx.route.request, raw.data, subject);
  if (E.isLeft(decoded)) {
    await ctx.deadLetter(raw.data, raw.headers, {
      subject,
      reason: 'undecodable',
      error: decoded.left.message,
    });
    return respond(
      new Uint8Array(),
      errorHeaders(ReplyErrorCode.badRequest, messageOf(decoded.left)),
    );
  }
  let answer: R;
  try {
    answer = await handler({ subject, data: decoded.right, headers: raw.headers });
  } catch (error) {
    return fail(ctx, respond, subject, codeOf(error), error);
  }
  let reply: Uint8Array;
  try {
    reply = encodeMessage(ctx.route.reply, answer, subject);
  } catch (error) {
    return fail(ctx, respond, subject, ReplyErrorCode.badReply, error);
  }
  respond(reply, {});
}

function fail<Q, R>(
  ctx: Context<Q, R>,
  respond: NonNullable<RawRequest['respond']>,
  subject: string,
  code: string,
  error: unknown,
): void {
  ctx.logger.warn('bus: reply handler failed', { subject, code, error: messageOf(error) });
  respond(new Uint8Array(), errorHeaders(code, messageOf(error)));
}
