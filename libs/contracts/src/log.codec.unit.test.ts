import { deepEqual } from 'node:assert/strict';
import { failingPaths, withData } from './testing/codec.js';
import { opsTelemetrySamples } from './testing/samples.js';
import { LOG_LEVELS, LogRecord } from './log.codec.js';

const { log } = opsTelemetrySamples;

describe('LogRecord', () => {
  it('accepts records without a trace', () => {
    deepEqual(LogRecord.decode(withData(log, { traceId: null, spanId: null }))._tag, 'Right');
  });
  it('refuses malformed trace ids, unknown levels and non-object fields', () => {
    deepEqual(failingPaths(LogRecord, withData(log, { traceId: 'ABC' })), ['data.traceId']);
    deepEqual(failingPaths(LogRecord, withData(log, { spanId: '0'.repeat(32) })), ['data.spanId']);
    deepEqual(failingPaths(LogRecord, withData(log, { level: 'verbose' })), ['data.level']);
    deepEqual(failingPaths(LogRecord, withData(log, { fields: ['a'] })), ['data.fields']);
    deepEqual(failingPaths(LogRecord, withData(log, { service: 'Order.Executor' })), [
      'data.service',
    ]);
  });
  it('orders levels from least to most severe', () => {
    deepEqual(LOG_LEVELS, ['trace', 'debug', 'info', 'warn', 'error', 'fatal']);
  });
});
