import { deepEqual, equal, ok } from 'node:assert/strict';
import { LogRecord, subjects, type LogRecord as Record } from '@hoga/contracts';
import { eventually } from '@hoga/testkit';
import type { Bus } from '../bus.port.js';
import { createInProcessBus } from '../in-process/in-process-bus.js';
import { recordingLogger } from '../testing/recording-logger.js';
import { createBusLogSink } from './bus-log-sink.js';
import type { LogLine } from './log-line.js';
import { logStreamSpec } from './log-stream.js';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

const line = (
  msg: string,
  fields: LogLine['fields'] = {},
  level: LogLine['level'] = 'info',
): LogLine => ({
  time: '2026-12-06T22:00:00.000Z',
  level,
  service: 'risk-guard',
  msg,
  fields,
});

/** What the bus carries on `hoga.log.>` while the test runs. */
async function listen(bus: Bus): Promise<{ subject: string; record: Record }[]> {
  const seen: { subject: string; record: Record }[] = [];
  await bus.subscribe(
    subjects.log('*', '*'),
    (d) => void seen.push({ subject: d.subject, record: d.data }),
  );
  return seen;
}

describe('bus log sink (in process)', () => {
  let bus: Bus;
  beforeEach(() => {
    bus = createInProcessBus({ logger: recordingLogger() });
  });
  afterEach(() => bus.close());

  it('publishes on hoga.log.<service>.<level> what was written before and after attach, with trace ids from the fields', async () => {
    const reports: LogLine[] = [];
    const sink = createBusLogSink({ service: 'risk-guard', report: (l) => reports.push(l) });
    const seen = await listen(bus);
    sink.write(line('before attach', { traceparent: `00-${TRACE}-${SPAN}-01`, market: 'KRW-BTC' }));
    await sink.attach(bus);
    sink.write(line('halted', { trace_id: TRACE, correlationId: 'cmd-1' }, 'error'));
    await eventually(() => equal(seen.length, 2));
    deepEqual(
      seen.map((s) => s.subject),
      ['hoga.log.risk-guard.info', 'hoga.log.risk-guard.error'],
    );
    const [first, second] = seen.map((s) => s.record);
    ok(first !== undefined && second !== undefined);
    ok(LogRecord.is(first));
    deepEqual(first.data, {
      service: 'risk-guard',
      level: 'info',
      message: 'before attach',
      traceId: TRACE,
      spanId: SPAN,
      fields: { traceparent: `00-${TRACE}-${SPAN}-01`, market: 'KRW-BTC' },
    });
    equal(first.occurredAt, '2026-12-06T22:00:00.000Z');
    equal(second.data.traceId, TRACE);
    equal(second.data.spanId, null);
    equal(second.correlationId, 'cmd-1');
    ok(first.id !== second.id);
    await sink.detach();
    deepEqual(sink.stats(), {
      queued: 0,
      queuedBytes: 0,
      published: 2,
      dropped: 0,
      failed: 0,
      publishing: false,
    });
    deepEqual(reports, [], 'nothing dropped: nothing to report');
  });

  it('the LOGS stream keeps what was published, readable newest first', async () => {
    const sink = createBusLogSink({ service: 'risk-guard', report: () => undefined });
    await sink.attach(bus);
    for (let i = 0; i < 5; i += 1) sink.write(line(`line ${i}`));
    await eventually(() => equal(sink.stats().published, 5));
    const read = await bus.readStream(logStreamSpec(), LogRecord, { limit: 3, maxScan: 100 });
    deepEqual(
      read.messages.map((m) => m.data.data.message),
      ['line 4', 'line 3', 'line 2'],
    );
    equal(read.next, 3);
    const older = await bus.readStream(logStreamSpec(), LogRecord, {
      limit: 3,
      maxScan: 100,
      before: read.next,
    });
    deepEqual(
      older.messages.map((m) => m.data.data.message),
      ['line 1', 'line 0'],
    );
    equal(older.next, undefined);
    await sink.detach();
  });

  it('bounds its queue by count: a burst beyond it is dropped, counted and reported to the other sinks', async () => {
    const reports: LogLine[] = [];
    const sink = createBusLogSink({
      service: 'risk-guard',
      report: (l) => reports.push(l),
      maxQueued: 100,
    });
    // no bus yet: nothing leaves the queue
    for (let i = 0; i < 10_000; i += 1) sink.write(line(`burst ${i}`));
    equal(sink.stats().queued, 100);
    equal(sink.stats().dropped, 9_900);
    const seen = await listen(bus);
    await sink.attach(bus);
    await eventually(() => equal(seen.length, 100));
    equal(seen[0]?.record.data.message, 'burst 0', 'the oldest lines are kept, the newest dropped');
    await sink.detach();
    equal(reports.length, 1);
    equal(reports[0]?.level, 'warn');
    equal(reports[0]?.service, 'risk-guard');
    equal(reports[0]?.fields['dropped'], 9_900);
  });

  it('bounds its queue by bytes', () => {
    const sink = createBusLogSink({
      service: 'risk-guard',
      report: () => undefined,
      maxQueuedBytes: 64 * 1024,
    });
    const big = { blob: 'x'.repeat(8_000) };
    for (let i = 0; i < 100; i += 1) sink.write(line('big', big));
    const { queued, queuedBytes, dropped } = sink.stats();
    ok(queuedBytes <= 64 * 1024, `${queuedBytes} bytes queued`);
    ok(queued >= 6 && queued <= 8, `${queued} queued`);
    equal(queued + dropped, 100);
  });

  it('reports drops periodically while it runs, once per period', async () => {
    const reports: LogLine[] = [];
    const sink = createBusLogSink({
      service: 'risk-guard',
      report: (l) => reports.push(l),
      maxQueued: 1,
      reportEveryMs: 50,
    });
    sink.write(line('kept'));
    sink.write(line('dropped 1'));
    sink.write(line('dropped 2'));
    await eventually(() => equal(reports.length, 1));
    equal(reports[0]?.fields['dropped'], 2);
    await new Promise((resolve) => setTimeout(resolve, 120));
    equal(reports.length, 1, 'no new drops: no new report');
    await sink.detach(10);
  });

  it('counts what the bus refuses (a service name that is no subject token) and goes on', async () => {
    const sink = createBusLogSink({ service: 'risk-guard', report: () => undefined });
    const seen = await listen(bus);
    await sink.attach(bus);
    sink.write({ ...line('bad'), service: 'Not A Service' });
    sink.write(line('good'));
    await eventually(() => equal(seen.length, 1));
    await sink.detach();
    equal(sink.stats().failed, 1);
    equal(sink.stats().published, 1);
  });

  it('after detach, publishes nothing more and counts what it is given as dropped', async () => {
    const sink = createBusLogSink({ service: 'risk-guard', report: () => undefined });
    const seen = await listen(bus);
    await sink.attach(bus);
    sink.write(line('one'));
    await sink.detach();
    equal(seen.length, 1);
    sink.write(line('after'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    equal(seen.length, 1);
    equal(sink.stats().dropped, 1);
  });
});
