import { SpanKind } from '@opentelemetry/api';
import { processAttributes, sendAttributes } from './span-attributes.js';
import { inSpan, traceHeaders, tracingOn, type Span, type TraceHeaders } from './spans.js';

const continues = (headers: TraceHeaders): boolean => headers['traceparent'] !== undefined;

/**
 * Publishing a stored message (an outbox row) that carries the trace it was written in: a
 * PRODUCER span `send <subject>` continuing that trace, and `fn` gets the headers to publish
 * (the row's, with this span's `traceparent`). A row without a trace, or tracing off: `fn` gets
 * the row's headers as they are and no span starts (no orphan root traces).
 */
export function inSendSpan<T>(
  subject: string,
  messageId: string,
  stored: TraceHeaders,
  fn: (headers: TraceHeaders) => T,
): T {
  if (!tracingOn() || !continues(stored)) return fn(stored);
  const options = {
    kind: SpanKind.PRODUCER,
    parent: stored,
    attributes: sendAttributes(subject, messageId),
  };
  return inSpan(`send ${subject}`, options, () => fn({ ...stored, ...traceHeaders() }));
}

/**
 * Handling a received message: a CONSUMER span `process <subject>` continuing the message's
 * trace. A message without a trace, or tracing off: `fn` runs as it is.
 */
export function inProcessSpan<T>(
  subject: string,
  messageId: string | undefined,
  headers: TraceHeaders,
  fn: (span: Span | undefined) => T,
): T {
  if (!tracingOn() || !continues(headers)) return fn(undefined);
  const options = {
    kind: SpanKind.CONSUMER,
    parent: headers,
    attributes: processAttributes(subject, messageId),
  };
  return inSpan(`process ${subject}`, options, fn);
}
