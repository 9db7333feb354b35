import type { Attributes, Context, SpanKind } from '@opentelemetry/api';
import {
  ParentBasedSampler,
  SamplingDecision,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SamplingResult,
} from '@opentelemetry/sdk-trace-base';

/** The attribute that marks a root span as a tick trace (sampled by ratio). */
export const TRACE_KIND = 'hoga.trace.kind';

/**
 * Decides the roots: a tick root (`hoga.trace.kind = tick`) is kept with the configured ratio
 * (by trace id, so every process agrees); any other root is kept: an order trace that starts
 * as its own root because its tick was not sampled (see `inKeptSpan`), an ops command, a sweep.
 */
class RootSampler implements Sampler {
  readonly #ticks: TraceIdRatioBasedSampler;

  constructor(readonly tickRatio: number) {
    this.#ticks = new TraceIdRatioBasedSampler(tickRatio);
  }

  shouldSample(
    context: Context,
    traceId: string,
    _name: string,
    _kind: SpanKind,
    attributes: Attributes,
  ): SamplingResult {
    if (attributes[TRACE_KIND] === 'tick') return this.#ticks.shouldSample(context, traceId);
    return { decision: SamplingDecision.RECORD_AND_SAMPLED };
  }

  toString(): string {
    return `HogaRoot{ticks=${this.tickRatio}, others=always}`;
  }
}

/**
 * Parent-based sampling (a child follows its parent, local or remote, so a trace is whole or
 * absent across processes) with `RootSampler` at the roots. ADR 0057.
 */
export const orderKeepingSampler = (tickRatio: number): Sampler =>
  new ParentBasedSampler({ root: new RootSampler(tickRatio) });
