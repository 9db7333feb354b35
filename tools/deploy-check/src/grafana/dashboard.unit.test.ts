import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { deployPath } from '../deploy-paths.js';
import { field, readYaml } from '../yaml-files.js';
import { catalogLabels, catalogSeries } from './exported-names.js';
import { dashboardQueries, readDashboard } from './dashboard-file.js';
import { labelNames, metricNames } from './promql-names.js';

const dashboard = readDashboard();
const queries = dashboardQueries();
const rules = (
  field(readYaml(deployPath('grafana', 'alerts', 'hoga.rules.yml')), 'groups') as {
    rules: { alert: string; expr: string }[];
  }[]
).flatMap((g) => g.rules);

describe('deploy/grafana: the "hoga engine" dashboard and the alert rules', () => {
  it('is the "hoga engine" dashboard, vital signs on top', () => {
    assert.equal(dashboard.title, 'hoga engine');
    const rows = dashboard.panels
      .filter((p) => p.type === 'row')
      .sort((a, b) => a.gridPos.y - b.gridPos.y);
    assert.deepEqual(
      rows.map((r) => r.title),
      [
        'Vital signs',
        'Market feed, per market',
        'Orders and rate budget',
        'Equity and loss limit',
        'Trading state and plumbing',
      ],
    );
    assert.ok(dashboard.panels.some((p) => p.type === 'gauge' && /loss/i.test(p.title)));
    assert.ok(
      dashboard.panels.some((p) => p.type === 'state-timeline' && /trading state/i.test(p.title)),
    );
  });

  it('every panel query reads only series the services export (the metrics catalog)', () => {
    const known = catalogSeries();
    assert.ok(queries.length > 20);
    for (const q of queries) {
      const names = metricNames(q.expr);
      assert.ok(names.length > 0, `${q.panel}: ${q.expr}`);
      for (const n of names) assert.ok(known.has(n), `${q.panel}: ${n} is not exported`);
    }
  });

  it('every panel query and alert uses only labels the metrics carry', () => {
    const labels = catalogLabels();
    for (const { expr } of [...queries, ...rules])
      for (const l of labelNames(expr)) assert.ok(labels.has(l), `${l} in ${expr}`);
  });

  it('every alert rule reads only exported series, and has a runbook section', () => {
    const known = catalogSeries();
    const runbook = readFileSync(deployPath('..', 'docs', 'operations.md'), 'utf8');
    for (const r of rules) {
      for (const n of metricNames(r.expr)) assert.ok(known.has(n), `${r.alert}: ${n}`);
      assert.match(
        runbook,
        new RegExp(`^#+ .*${r.alert}\\b`, 'm'),
        `docs/operations.md explains ${r.alert}`,
      );
    }
  });

  it('would catch a panel naming a metric nobody exports (the check can fail)', () => {
    assert.equal(catalogSeries().has('hoga_feed_ticks_per_second'), false);
    assert.deepEqual(metricNames('rate(hoga_feed_ticks_per_second[1m])'), [
      'hoga_feed_ticks_per_second',
    ]);
  });
});
