import { deepStrictEqual, equal, ok } from 'node:assert/strict';
import { cleanLife, recorded } from '../testing/clean-life.fixture.js';
import { recordedRisk, riskLife } from '../testing/risk-life.fixture.js';
import { AuditRun } from './audit-run.js';
import { executorRecords } from './executor-records.js';
import { operatorCommands } from './ops.js';
import { riskAuditIn, RiskReplay, type RiskAudit } from './risk-replay.js';

const replayRisk = (rows = recordedRisk(riskLife()), head = rows.length): RiskAudit => {
  const replay = new RiskReplay();
  for (const row of rows) replay.add(row);
  return replay.finish(head, { version: head, hash: rows.at(-1)?.hash ?? null });
};
const messages = (a: RiskAudit): string =>
  a.findings.map((f) => `${f.check}: ${f.message}`).join('\n');

describe('risk stream audit (pure core)', () => {
  it('gives every transition with who and why, and the breach figures, and finds nothing wrong', () => {
    const audit = replayRisk();
    equal(audit.findings.length, 0, messages(audit));
    deepStrictEqual(
      audit.timeline.map((e) => [e.type, e.change, e.by, e.reason]),
      [
        ['LossLimitArmed', null, 'cli:bob@desk', 'start of day'],
        ['LossLimitBreached', null, 'loss-limit', null],
        [
          'TradingStateChanged',
          'ACTIVE -> HALTED',
          'loss-limit',
          'loss 60000 KRW reached the limit 50000 KRW',
        ],
        ['TradingStateChanged', 'HALTED -> ACTIVE', 'cli:bob@desk', 'checked, market calm'],
      ],
    );
    deepStrictEqual(audit.timeline[1]!.figures, {
      ratePct: '5',
      equityAtArming: '1000000',
      lossKrw: '60000',
      lossRatePct: '6',
      limitKrw: '50000',
    });
  });

  it('finds breach figures that do not add up, and HALTED left without an operator', () => {
    const rows = recordedRisk(riskLife()).map((r) => {
      const data = r.data as Record<string, unknown>;
      if (r.streamVersion === 2)
        return {
          ...r,
          data: { ...data, evaluation: { ...(data['evaluation'] as object), limitKrw: '70000' } },
        };
      if (r.streamVersion === 4) return { ...r, data: { ...data, commandId: null } };
      return r;
    });
    const audit = replayRisk(rows);
    const text = messages(audit);
    ok(
      /breach-figures: the breach at version 2 does not add up: limitKrw 70000 \(expected 50000\)/.test(
        text,
      ),
      text,
    );
    ok(
      /risk-transition: HALTED was left at version 4 without an operator command/.test(text),
      text,
    );
  });

  it('finds a transition deleted: a version is missing', () => {
    const rows = recordedRisk(riskLife()).filter((r) => r.streamVersion !== 3);
    const text = messages(replayRisk(rows, 4));
    ok(/stream-gapless: risk stream versions jump from 2 to 4/.test(text), text);
  });

  it('finds a risk event edited in place by its hash chain, naming the stream and version', () => {
    const rows = recordedRisk(riskLife()).map((r) =>
      r.streamVersion === 1 ? { ...r, metadata: { ...r.metadata, correlationId: 'forged' } } : r,
    );
    const audit = replayRisk(rows);
    const chain = audit.findings.filter((f) => f.check === 'hash-chain-broken');
    equal(chain.length, 1, messages(audit));
    equal(chain[0]!.version, 1);
    equal(chain[0]!.evidence['stream'], 'risk');
    ok(
      /^stream risk: event 1's stored hash [0-9a-f]{16} is not the [0-9a-f]{16}/.test(
        chain[0]!.message,
      ),
      chain[0]!.message,
    );
  });

  it("finds the risk stream's tail cut: its head is past the last event", () => {
    const rows = recordedRisk(riskLife());
    const replay = new RiskReplay();
    for (const row of rows.slice(0, 3)) replay.add(row);
    const audit = replay.finish(4, { version: 4, hash: rows[3]!.hash ?? null });
    ok(
      audit.findings.some(
        (f) => f.check === 'hash-chain-broken' && f.evidence['kind'] === 'head-mismatch',
      ),
      messages(audit),
    );
  });

  it('cuts the timeline to a window and keeps the whole stream checked', () => {
    const rows = recordedRisk(riskLife()).map((r) =>
      r.streamVersion === 4 ? { ...r, data: { ...(r.data as object), commandId: null } } : r,
    );
    const audit = riskAuditIn(replayRisk(rows), {
      from: '2026-12-07T02:00:00.000Z',
      to: '2026-12-07T02:31:00.000Z',
    });
    deepStrictEqual(
      audit.timeline.map((e) => e.version),
      [1, 2, 3],
    );
    ok(/HALTED was left at version 4/.test(messages(audit)), messages(audit));
  });

  it('lists every operator command (positions and risk), oldest first, with the result', () => {
    const life = cleanLife('pos-ops');
    const run = new AuditRun({ kind: 'all' });
    for (const row of recorded(life)) run.add(row);
    const report = run.finish({ records: executorRecords([], []), heads: new Map() });
    const commands = operatorCommands(report.positions, replayRisk());
    deepStrictEqual(
      commands.map((c) => [c.by, c.command, c.target, c.result]),
      [
        ['cli:alice@desk', 'PositionOpened', 'pos-ops', 'applied'],
        ['cli:bob@desk', 'LossLimitArmed', 'trading', 'applied'],
        ['cli:bob@desk', 'TradingStateChanged HALTED -> ACTIVE', 'trading', 'applied'],
      ],
    );
  });

  it('lists only the operator commands recorded in a window', () => {
    const run = new AuditRun({ kind: 'all' });
    for (const row of recorded(cleanLife('pos-ops'))) run.add(row);
    const report = run.finish({ records: executorRecords([], []), heads: new Map() });
    const commands = operatorCommands(report.positions, replayRisk(), {
      from: '2026-12-07T02:40:00.000Z',
      to: '2026-12-07T03:00:00.000Z',
    });
    deepStrictEqual(
      commands.map((c) => c.command),
      ['TradingStateChanged HALTED -> ACTIVE'],
    );
  });
});
