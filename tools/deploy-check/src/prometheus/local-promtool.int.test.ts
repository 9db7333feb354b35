import { strict as assert } from 'node:assert';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployPath } from '../deploy-paths.js';
import { requireTool, runTool } from '../tools/required-tool.js';

describe('deploy/prometheus/local-prometheus.yml with promtool (local run)', () => {
  it('promtool check config: the local config with the alert rules where compose mounts them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hoga-promtool-local-'));
    try {
      mkdirSync(join(dir, 'rules'));
      copyFileSync(
        deployPath('grafana', 'alerts', 'hoga.rules.yml'),
        join(dir, 'rules', 'hoga.rules.yml'),
      );
      const config = readFileSync(deployPath('prometheus', 'local-prometheus.yml'), 'utf8');
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
});
