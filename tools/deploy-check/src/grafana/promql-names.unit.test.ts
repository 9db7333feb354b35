import { strict as assert } from 'node:assert';
import { labelNames, metricNames } from './promql-names.js';

describe('metricNames / labelNames (PromQL)', () => {
  it('finds the series of an expression, not its functions, labels or durations', () => {
    const expr =
      'histogram_quantile(0.99, sum by (le, url_template) (rate(http_client_request_duration_bucket{x="a b"}[5m]))) / max(hoga_risk_loss_limit > 0)';
    assert.deepEqual(metricNames(expr).sort(), [
      'hoga_risk_loss_limit',
      'http_client_request_duration_bucket',
    ]);
    assert.deepEqual(labelNames(expr).sort(), ['le', 'url_template', 'x']);
  });
});
