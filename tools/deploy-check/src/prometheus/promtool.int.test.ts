import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployPath } from '../deploy-paths.js';
import { requireTool, runTool } from '../tools/required-tool.js';

const RULES = deployPath('grafana', 'alerts', 'hoga.rules.yml');

describe('deploy/prometheus and deploy/grafana/alerts with promtool', () => {
  it('promtool check config: prometheus.yml with the alert rules where compose mounts them', () => {
    // compose mounts the rules at /etc/prometheus/rules: the same layout in a temp dir
    const dir = mkdtempSync(join(tmpdir(), 'hoga-promtool-'));
    try {
      mkdirSync(join(dir, 'rules'));
      copyFileSync(RULES, join(dir, 'rules', 'hoga.rules.yml'));
      const config = readFileSync(deployPath('prometheus', 'prometheus.yml'), 'utf8');
      assert.match(config, /\/etc\/prometheus\/rules\/\*\.rules\.yml/);
      writeFileSync(
        join(dir, 'prometheus.yml'),
        config.replace('/etc/prometheus/rules/', `${dir}/rules/`),
      );
      const r = runTool(requireTool('promtool'), ['check', 'config', join(dir, 'prometheus.yml')]);
      assert.equal(r.status, 0, r.output);
      assert.match(r.output, /SUCCESS: 13 rules found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('promtool check rules: the alert rules', () => {
    const r = runTool(requireTool('promtool'), ['check', 'rules', RULES]);
    assert.equal(r.status, 0, r.output);
  });

  it('promtool test rules: the alerts fire on the series that should fire them, and only then', () => {
    const r = runTool(requireTool('promtool'), [
      'test',
      'rules',
      deployPath('grafana', 'alerts', 'hoga.rules.test.yml'),
    ]);
    assert.equal(r.status, 0, r.output);
    assert.match(r.output, /SUCCESS/);
  });

  it('promtool refuses a broken rule (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hoga-promtool-'));
    try {
      const broken = readFileSync(RULES, 'utf8').replace('> 60', '> > 60');
      writeFileSync(join(dir, 'broken.rules.yml'), broken);
      const r = runTool(requireTool('promtool'), ['check', 'rules', join(dir, 'broken.rules.yml')]);
      assert.notEqual(r.status, 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
