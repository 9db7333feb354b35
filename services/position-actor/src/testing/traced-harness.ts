import { createInProcessBus, type Bus } from '@hoga/bus';
import { InMemoryEventStore } from '@hoga/event-store';
import { startTracing, type Tracing } from '@hoga/telemetry';
import { OtlpReceiver } from '@hoga/testkit';
import { Harness } from './harness.js';

/** A harness (in-process bus, in-memory store) with tracing on, every trace kept, to a receiver. */
export interface TracedHarness {
  readonly receiver: OtlpReceiver;
  readonly tracing: Tracing;
  readonly bus: Bus;
  readonly h: Harness;
  dispose(): Promise<void>;
}

export async function startTracedHarness(): Promise<TracedHarness> {
  const receiver = await new OtlpReceiver().start();
  const tracing = startTracing({
    service: 'position-actor',
    otlpUrl: receiver.tracesUrl,
    tickSampleRatio: 1,
  });
  const bus = createInProcessBus();
  const h = await new Harness(bus, new InMemoryEventStore()).start();
  return {
    receiver,
    tracing,
    bus,
    h,
    async dispose() {
      await h.dispose();
      await bus.close();
      await tracing.shutdown();
      await receiver.stop();
    },
  };
}
