import { deepEqual } from 'node:assert/strict';
import { failingPaths, withData } from './testing/codec.js';
import { opsTelemetrySamples } from './testing/samples.js';
import { ALERT_SEVERITIES, Alert } from './alert.codec.js';

const { alert } = opsTelemetrySamples;

describe('Alert', () => {
  it('refuses an unknown severity, an empty title or dedup key, a huge body', () => {
    deepEqual(failingPaths(Alert, withData(alert, { severity: 'panic' })), ['data.severity']);
    deepEqual(failingPaths(Alert, withData(alert, { title: '' })), ['data.title']);
    deepEqual(failingPaths(Alert, withData(alert, { dedupKey: undefined })), ['data.dedupKey']);
    deepEqual(failingPaths(Alert, withData(alert, { body: 'x'.repeat(4001) })), ['data.body']);
  });
  it('orders severities from least to most urgent', () => {
    deepEqual(ALERT_SEVERITIES, ['info', 'warning', 'critical', 'urgent']);
  });
});
