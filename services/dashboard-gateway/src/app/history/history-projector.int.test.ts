import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import pg from 'pg';
import type { PositionId } from '@hoga/model';
import { PostgresEventStore } from '@hoga/event-store';
import { createLogger } from '@hoga/telemetry';
import { createTestSchema, type TestSchema } from '@hoga/testkit';
import { PositionScript } from '../../testing/position-script.js';
import { HistoryProjector } from './history-projector.js';
import { HistoryReadModel } from './history-read-model.js';
import { foldEvents, summaryOf, type PositionSummary } from './position-fold.js';

const logger = createLogger({ service: 'dashboard-gateway', level: 'error', sinks: [] });
const silent = { publish: () => undefined };

describe('dashboard-gateway history: the projection', function () {
  this.timeout(60_000);
  let schema: TestSchema;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  before(async () => {
    schema = await createTestSchema('gateway_history_projection');
    store = new PostgresEventStore({ ...schema.poolConfig, max: 4 });
    await store.migrate();
    pool = new pg.Pool({ ...schema.poolConfig, max: 2 });
  });
  after(async () => {
    await pool.end();
    await store.close();
    await schema.dispose();
  });

  const listed = async (model: HistoryReadModel) =>
    new Map((await model.positions({ limit: 500 })).items.map((p) => [p.positionId, p]));
  const expected = (s: PositionScript): PositionSummary => summaryOf(foldEvents(s.events));

  it('folds positions split across small pages, forgets folds and replays them, resumes after a restart', async () => {
    const scripts = Array.from(
      { length: 5 },
      (_, i) =>
        new PositionScript(
          `proj-${String(i)}` as PositionId,
          undefined,
          Date.parse('2026-11-23T00:00:00Z') + i * 60_000,
        ),
    );
    // interleaved appends: each position's events land in several pages
    for (const s of scripts) {
      s.open();
      await s.appendTo(store);
    }
    for (const s of scripts) {
      s.fill('entry', '0.001999', '100000000');
      await s.appendTo(store);
    }
    const model = new HistoryReadModel(pool);
    await model.migrate();
    const first = new HistoryProjector(store, model, silent, logger, { pageSize: 3, cacheSize: 1 });
    await first.catchUp();
    let rows = await listed(model);
    for (const s of scripts) deepStrictEqual(rows.get(s.positionId), expected(s));

    const foldedBefore = scripts.reduce((n, s) => n + s.events.length, 0);
    // a restart: another projector (empty cache) continues from the stored checkpoint
    for (const s of scripts) {
      s.tick(103_000_000).fill('exit', '0.001999', '103000000');
      await s.appendTo(store);
    }
    const second = new HistoryProjector(store, model, silent, logger, {
      pageSize: 4,
      cacheSize: 2,
    });
    await second.catchUp();
    rows = await listed(model);
    for (const s of scripts) {
      deepStrictEqual(rows.get(s.positionId), expected(s));
      strictEqual(rows.get(s.positionId)?.status, 'closed');
    }
    strictEqual(
      second.status().projected,
      scripts.reduce((n, s) => n + s.events.length, 0) - foldedBefore,
    );
    const timeline = await model.timeline({ limit: 500 });
    // every stored event of the timeline's kinds once, however the pages fell
    const keys = timeline.items.map((e) => `${e.streamId}@${String(e.version)}`);
    strictEqual(new Set(keys).size, keys.length);
  });
});
