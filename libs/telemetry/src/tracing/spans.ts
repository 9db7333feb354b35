import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Span,
} from '@opentelemetry/api';
import { INVALID_SPAN_CONTEXT } from '@opentelemetry/api';
import { TRACE_KIND } from './order-keeping-sampler.js';

export { SpanKind };
export type { Span };

/** Headers that carry a trace (`traceparent`, `tracestate`), as on bus messages and outbox rows. */
export type TraceHeaders = Readonly<Record<string, string>>;

/** What a span is. */
export interface SpanOptions {
  readonly kind?: SpanKind;
  readonly attributes?: Attributes;
  /** Continue the trace of these headers instead of the active span (a received message). */
  readonly parent?: TraceHeaders;
  /** This span starts a tick trace: kept with the tick ratio when it is a root (ADR 0057). */
  readonly tickRoot?: boolean;
}

const TRACER = 'hoga';
let on = false;
/** A span that records nothing, handed to callbacks while tracing is off. */
const OFF_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/** Set by `startTracing`/its shutdown: while false, every helper here is a plain call. */
export const setTracingOn = (value: boolean): void => {
  on = value;
};

/** True while a tracer provider is installed (`startTracing`). */
export const tracingOn = (): boolean => on;

const parentOf = (options: SpanOptions): Context =>
  options.parent === undefined
    ? context.active()
    : propagation.extract(ROOT_CONTEXT, options.parent);

const attributesOf = (options: SpanOptions): Attributes | undefined =>
  options.tickRoot === true ? { ...options.attributes, [TRACE_KIND]: 'tick' } : options.attributes;

function run<T>(span: Span, ctx: Context, fn: (span: Span) => T): T {
  const ended = (): void => span.end();
  const failed = (error: unknown): never => {
    span.recordException(error instanceof Error ? error : String(error));
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
    throw error;
  };
  let result: T;
  try {
    result = context.with(trace.setSpan(ctx, span), fn, undefined, span);
  } catch (error) {
    return failed(error);
  }
  if (result instanceof Promise)
    return result.then((value: unknown) => (ended(), value), failed) as T;
  ended();
  return result;
}

/**
 * Runs `fn` in a new span (a child of the active span, or of `options.parent`'s trace), ended
 * when `fn` returns or its promise settles (an error is recorded and rethrown). While tracing is
 * off this is `fn(noop span)`: no span, no context switch.
 */
export function inSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => T): T {
  if (!on) return fn(OFF_SPAN);
  const parent = parentOf(options);
  const span = trace
    .getTracer(TRACER)
    .startSpan(
      name,
      { kind: options.kind ?? SpanKind.INTERNAL, attributes: attributesOf(options) },
      parent,
    );
  return run(span, parent, fn);
}

/**
 * Like `inSpan`, but the span is always recorded: under a sampled parent it is a child; under an
 * unsampled one (a tick trace the ratio dropped) it starts a new trace, linked to the parent, so
 * a decision that places an order is never lost (ADR 0057).
 */
export function inKeptSpan<T>(name: string, options: SpanOptions, fn: (span: Span) => T): T {
  if (!on) return fn(OFF_SPAN);
  const parent = parentOf(options);
  const parentSpan = trace.getSpanContext(parent);
  const sampled = parentSpan === undefined || (parentSpan.traceFlags & TraceFlags.SAMPLED) !== 0;
  const span = trace.getTracer(TRACER).startSpan(
    name,
    {
      kind: options.kind ?? SpanKind.INTERNAL,
      attributes: options.attributes,
      root: !sampled,
      links: sampled || parentSpan === undefined ? [] : [{ context: parentSpan }],
    },
    parent,
  );
  return run(span, sampled ? parent : ROOT_CONTEXT, fn);
}

/** The active trace as headers (`traceparent`, `tracestate`) to put on a message or row; {} when off. */
export function traceHeaders(): Record<string, string> {
  if (!on) return {};
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier;
}

/** The active span's ids (lower-case hex), when there is a valid one. */
export function activeTraceIds():
  { readonly traceId: string; readonly spanId: string } | undefined {
  if (!on) return undefined;
  const span = trace.getSpanContext(context.active());
  if (span === undefined || !trace.isSpanContextValid(span)) return undefined;
  return { traceId: span.traceId, spanId: span.spanId };
}

/** Runs `fn` with the trace of `headers` active (a message handled later than it arrived). */
export function withTraceOf<T>(headers: TraceHeaders | undefined, fn: () => T): T {
  if (!on || headers === undefined) return fn();
  return context.with(propagation.extract(ROOT_CONTEXT, headers), fn);
}
