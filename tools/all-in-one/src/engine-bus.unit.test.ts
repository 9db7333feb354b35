import { equal, ok } from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busFactory } from './engine-bus.js';
import { openEngineLog } from './file-log.js';

describe("all-in-one buses: the engine's env", () => {
  it("keep dead letters per HOGA_DEAD_LETTERS__* of the env the engine was started with, not process.env's", async () => {
    ok(process.env['HOGA_DEAD_LETTERS__MAX_MSGS'] === undefined, 'not set for the test process');
    const dir = mkdtempSync(join(tmpdir(), 'hoga-engine-bus-'));
    const log = openEngineLog(dir);
    const bus = await busFactory(null, log, { HOGA_DEAD_LETTERS__MAX_MSGS: '321' })('risk-guard');
    try {
      equal((await bus.keptDeadLetters()).limits.maxMsgs, 321);
    } finally {
      await bus.close();
      await log.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
