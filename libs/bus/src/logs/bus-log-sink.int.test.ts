import { equal, ok } from 'node:assert/strict';
import { LogRecord, subjects } from '@hoga/contracts';
import { eventually, testNamespace, testNatsUrl } from '@hoga/testkit';
import type { Bus } from '../bus.port.js';
import { connectNatsBus } from '../nats/nats-bus.js';
import { removeNatsNamespace } from '../nats/nats-namespace-cleanup.js';
import { startPausableProxy, type PausableProxy } from '../testing/pausable-proxy.js';
import { recordingLogger } from '../testing/recording-logger.js';
import { createBusLogSink, type BusLogSink } from './bus-log-sink.js';
import type { LogLine } from './log-line.js';
import { logStreamLimits, logStreamSpec } from './log-stream.js';

const line = (msg: string, fields: LogLine['fields'] = {}): LogLine => ({
  time: new Date().toISOString(),
  level: 'info',
  service: 'order-executor',
  msg,
  fields,
});

/** Writes `n` lines; returns the longest single call in milliseconds. */
function writeMany(sink: BusLogSink, n: number, label: string): number {
  let longest = 0;
  for (let i = 0; i < n; i += 1) {
    const started = performance.now();
    sink.write(line(`${label} ${i}`, { i }));
    longest = Math.max(longest, performance.now() - started);
  }
  return longest;
}

describe('bus log sink on NATS (ADR 0042)', function () {
  this.timeout(60_000);
  let servers: string;
  const namespaces: string[] = [];
  const buses: Bus[] = [];
  const open = async (url: string, namespace: string): Promise<Bus> => {
    const bus = await connectNatsBus({
      servers: url,
      namespace,
      logger: recordingLogger(),
      reconnectWaitMs: 100,
    });
    buses.push(bus);
    return bus;
  };
  const namespace = (label: string): string => {
    const ns = testNamespace(label);
    namespaces.push(ns);
    return ns;
  };

  before(async () => {
    servers = await testNatsUrl();
  });
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close().catch(() => undefined)));
  });
  after(async () => {
    for (const ns of namespaces) await removeNatsNamespace({ servers, namespace: ns });
  });

  describe('through a proxy that can hang or cut the server', () => {
    let proxy: PausableProxy;
    beforeEach(async () => {
      proxy = await startPausableProxy(servers);
    });
    afterEach(() => proxy.close());

    it('a server that does not answer: every logger call returns at once, the queue stays bounded, drops are counted and reported; lines flow again once it answers', async () => {
      const ns = namespace('logsink-hang');
      const bus = await open(proxy.url, ns);
      const watcher = await open(servers, ns);
      const received: string[] = [];
      await watcher.subscribe(
        subjects.log('*', '*'),
        (d) => void received.push(d.data.data.message),
      );
      const reports: LogLine[] = [];
      const sink = createBusLogSink({
        service: 'order-executor',
        report: (l) => reports.push(l),
        maxQueued: 200,
        settleTimeoutMs: 300,
        retryMs: 100,
        reportEveryMs: 200,
      });
      await sink.attach(bus);
      writeMany(sink, 10, 'before');
      await eventually(() => equal(received.length, 10));

      proxy.hang();
      sink.write(line('into the void'));
      await eventually(() => equal(sink.stats().publishing, false), 5_000);
      const longest = writeMany(sink, 5_000, 'hung');
      ok(longest < 50, `the longest logger call took ${longest.toFixed(1)} ms`);
      const stats = sink.stats();
      ok(stats.queued <= 200, `${stats.queued} queued`);
      ok(stats.dropped >= 4_800, `${stats.dropped} dropped`);
      await eventually(() => ok(reports.some((r) => Number(r.fields['dropped']) >= 4_800)), 5_000);
      equal(reports[0]?.level, 'warn');

      proxy.restore();
      await eventually(() => equal(sink.stats().publishing, true), 10_000);
      sink.write(line('after'));
      await eventually(() => ok(received.includes('after')), 10_000);
      // what was queued while hung went out, in order, before the new line
      const hung = received.filter((m) => m.startsWith('hung '));
      ok(hung.length >= 150, `${hung.length} queued lines delivered`);
      equal(hung[0], 'hung 0');
      await sink.detach();
      equal(sink.stats().published + sink.stats().dropped + sink.stats().failed, 5_012);
    });

    it('a server that is gone (connections cut and refused): drops are counted, and lines flow again when it is back', async () => {
      const ns = namespace('logsink-cut');
      const bus = await open(proxy.url, ns);
      const watcher = await open(servers, ns);
      const received: string[] = [];
      await watcher.subscribe(
        subjects.log('*', '*'),
        (d) => void received.push(d.data.data.message),
      );
      const sink = createBusLogSink({
        service: 'order-executor',
        report: () => undefined,
        maxQueued: 100,
        settleTimeoutMs: 300,
        retryMs: 100,
      });
      await sink.attach(bus);
      proxy.cut();
      sink.write(line('while going down'));
      await eventually(() => equal(sink.stats().publishing, false), 5_000);
      const longest = writeMany(sink, 2_000, 'down');
      ok(longest < 50, `the longest logger call took ${longest.toFixed(1)} ms`);
      ok(sink.stats().queued <= 100);
      ok(sink.stats().dropped >= 1_900, `${sink.stats().dropped} dropped`);
      proxy.restore();
      await eventually(() => equal(sink.stats().publishing, true), 15_000);
      sink.write(line('back'));
      await eventually(() => ok(received.includes('back')), 15_000);
      await sink.detach();
    });
  });

  it('the LOGS stream keeps lines within its byte limit, discarding the oldest', async () => {
    const ns = namespace('logsink-bytes');
    const bus = await open(servers, ns);
    const sink = createBusLogSink({ service: 'order-executor', report: () => undefined });
    const limits = { maxBytes: 32 * 1024, maxAgeMs: 60_000 };
    await sink.attach(bus, limits);
    writeMany(sink, 500, 'kept?');
    await eventually(() => equal(sink.stats().published, 500), 10_000);
    const spec = logStreamSpec(logStreamLimits(limits));
    const read = await bus.readStream(spec, LogRecord, { limit: 1, maxScan: 10 });
    ok(read.bytes <= 32 * 1024, `${read.bytes} bytes kept`);
    ok(read.count < 500 && read.count > 0, `${read.count} lines kept`);
    equal(read.lastSequence, 500);
    equal(read.firstSequence, 500 - read.count + 1, 'the oldest went first');
    equal(read.messages[0]?.data.data.message, 'kept? 499');
    await sink.detach();
  });

  it('the LOGS stream discards lines older than its age limit', async () => {
    const ns = namespace('logsink-age');
    const bus = await open(servers, ns);
    const sink = createBusLogSink({ service: 'order-executor', report: () => undefined });
    const limits = { maxAgeMs: 1_000 };
    await sink.attach(bus, limits);
    writeMany(sink, 20, 'short-lived');
    await eventually(() => equal(sink.stats().published, 20), 10_000);
    const spec = logStreamSpec(logStreamLimits(limits));
    const now = await bus.readStream(spec, LogRecord, { limit: 100, maxScan: 100 });
    ok(now.count > 0, 'kept at first');
    await eventually(async () => {
      const later = await bus.readStream(spec, LogRecord, { limit: 100, maxScan: 100 });
      equal(later.count, 0);
    }, 15_000);
    await sink.detach();
  });
});
