import { coreRoute, envelope, rpcRoute, streamRoute, type Route } from '@hoga/contracts';
import type { Bus } from '@hoga/bus';
import { price, PriceC } from '@hoga/model';
import * as t from 'io-ts';
import { elapsedMs } from './report.js';

/** A tick-sized message with an exact price, in the hoga envelope (codec cost included). */
const BenchTickC = envelope(
  'BenchTick',
  t.strict({ seq: t.number, market: t.string, price: PriceC }),
);
type BenchTick = t.TypeOf<typeof BenchTickC>;

const tick = (seq: number): BenchTick => ({
  id: `tick-${seq}`,
  type: 'BenchTick',
  occurredAt: '2026-11-23T10:00:00.000Z',
  causationId: null,
  correlationId: 'bench',
  data: { seq, market: 'KRW-BTC', price: price('143250000') },
});

/** What one scenario measured: a timed burst for throughput, one-at-a-time samples for latency. */
export interface Measurement {
  readonly messages: number;
  readonly wallMs: number;
  readonly latenciesMs: number[];
}

/** Two buses on one server or broker: `a` sends, `b` receives (two connections, as two services). */
export interface BusPair {
  readonly a: Bus;
  readonly b: Bus;
}

/** Counts deliveries and resolves when `target` is reached. */
function counter() {
  let count = 0;
  let target = Number.POSITIVE_INFINITY;
  let reached: () => void = () => undefined;
  return {
    hit(): void {
      count += 1;
      if (count >= target) reached();
    },
    until(n: number): Promise<void> {
      target = n;
      return count >= n ? Promise.resolve() : new Promise((resolve) => (reached = resolve));
    },
  };
}

/** Runs `total` calls of `call`, at most `concurrency` at a time. */
async function pooled(
  total: number,
  concurrency: number,
  call: (i: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) await call(next++);
    }),
  );
}

/** Times `samples` round trips of `once` one after another. */
async function sequential(samples: number, once: (i: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < samples; i++) {
    const t0 = process.hrtime.bigint();
    await once(i);
    latencies.push(elapsedMs(t0));
  }
  return latencies;
}

/** Core publish/subscribe: a burst of `messages`, then `samples` publish-to-handler latencies. */
export async function publishSubscribe(
  { a, b }: BusPair,
  messages: number,
  samples: number,
): Promise<Measurement> {
  const route: Route<BenchTick> = coreRoute('bench.tick.KRW-BTC', BenchTickC);
  const seen = counter();
  let onNext: () => void = () => undefined;
  await b.subscribe(route, () => (seen.hit(), onNext()));
  const started = process.hrtime.bigint();
  for (let i = 0; i < messages; i++) await a.publish(route, tick(i));
  await seen.until(messages);
  const wallMs = elapsedMs(started);
  const latenciesMs = await sequential(samples, async (i) => {
    const arrived = new Promise<void>((resolve) => (onNext = resolve));
    await a.publish(route, tick(i));
    await arrived;
  });
  return { messages, wallMs, latenciesMs };
}

/** Request/reply: `messages` requests with 64 in flight, then `samples` sequential requests. */
export async function requestReply(
  { a, b }: BusPair,
  messages: number,
  samples: number,
): Promise<Measurement> {
  const route = rpcRoute('bench.rpc.echo', BenchTickC, BenchTickC);
  await b.reply(route, async (d) => d.data);
  const started = process.hrtime.bigint();
  await pooled(messages, 64, (i) => a.request(route, tick(i)));
  const wallMs = elapsedMs(started);
  const latenciesMs = await sequential(
    samples,
    async (i) => void (await a.request(route, tick(i))),
  );
  return { messages, wallMs, latenciesMs };
}

/**
 * A durable JetStream consumer on a work-queue stream: `messages` publishes (64 awaiting their
 * PubAck at a time) handled and acked (ack confirmed by the server), then `samples` sequential
 * publish-to-handler latencies.
 */
export async function durableConsumer(
  { a, b }: BusPair,
  messages: number,
  samples: number,
): Promise<Measurement> {
  const stream = {
    name: 'BENCH',
    subjects: ['bench.durable.>'],
    retention: 'workqueue' as const,
    duplicateWindowMs: 60_000,
    maxAgeMs: 0,
  };
  const route = streamRoute('bench.durable.tick', BenchTickC, stream);
  const handled = counter();
  let onNext: () => void = () => undefined;
  await b.consume(route, { durable: 'bench', ackWaitMs: 30_000, maxDeliver: 5 }, async (d) => {
    onNext();
    await d.ack();
    handled.hit();
  });
  const started = process.hrtime.bigint();
  await pooled(messages, 64, (i) => a.publishDurable(route, tick(i), { msgId: `burst-${i}` }));
  await handled.until(messages);
  const wallMs = elapsedMs(started);
  const latenciesMs = await sequential(samples, async (i) => {
    const arrived = new Promise<void>((resolve) => (onNext = resolve));
    await a.publishDurable(route, tick(i), { msgId: `sample-${i}` });
    await arrived;
  });
  return { messages, wallMs, latenciesMs };
}
