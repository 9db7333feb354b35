import { equal, ok } from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInProcessBus } from '@hoga/bus';
import { subjects } from '@hoga/contracts';
import { eventually } from '@hoga/testkit';
import { openEngineLog } from './file-log.js';

describe('engine log (file, and the bus: ADR 0042)', () => {
  it("writes every service's lines to the file and, once given a bus, publishes them on hoga.log.<service>.<level>", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hoga-engine-log-'));
    const bus = createInProcessBus({ logger: { warn: () => undefined } });
    try {
      const log = openEngineLog(dir);
      const seen: string[] = [];
      await bus.subscribe(
        subjects.log('*', '*'),
        (d) => void seen.push(`${d.subject} ${d.data.data.message}`),
      );
      log.for('risk-guard').info('before the bus');
      await log.publishTo(bus);
      log.for('market-feed').warn('after', { market: 'KRW-BTC' });
      await eventually(() => equal(seen.length, 2));
      equal(seen[0], 'hoga.log.risk-guard.info before the bus');
      equal(seen[1], 'hoga.log.market-feed.warn after');
      await log.stopPublishing();
      log.for('risk-guard').info('file only');
      await log.close();
      const file = readFileSync(log.path, 'utf8');
      ok(file.includes('before the bus') && file.includes('file only'));
      equal(seen.length, 2);
      equal(log.publishing().published, 2);
    } finally {
      await bus.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
