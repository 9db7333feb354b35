import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { RiskStatusReply } from '@hoga/contracts';
import { decodeOrThrow } from '@hoga/model';
import type { OkReply } from '../ops-client.js';
import { renderRiskStatus, TRANSITIONS_SHOWN } from './risk-status.js';

const T = (minute: number) => `2026-11-23T10:${String(minute).padStart(2, '0')}:00.000Z`;
const risk = {
  state: 'HALTED',
  reason: 'loss limit breached',
  since: T(7),
  lossLimit: null,
  evaluation: null,
  unrealizedPnlKrw: '-1200',
  exposureKrw: '95000',
  holdingPositions: 1,
};
const transition = (minute: number, from: string, to: string, reason = `step ${minute}`) => ({
  from,
  to,
  by: 'cli:alice@desk',
  reason,
  at: T(minute),
});

const leader = { instanceId: 'rg-b.desk:4242', since: T(3) };

const status = (
  equityKrw: string | null,
  lastTransitions: unknown[],
): OkReply<'risk-guard', 'status'> => {
  const reply = decodeOrThrow(RiskStatusReply, {
    ok: true,
    risk,
    equityKrw,
    lastTransitions,
    leader,
  });
  if (!reply.ok) throw new Error('not ok');
  return reply;
};

const armed = (equityKrw: string, pnlSinceArming: string): OkReply<'risk-guard', 'status'> => {
  const reply = decodeOrThrow(RiskStatusReply, {
    ok: true,
    risk: {
      ...risk,
      lossLimit: {
        armed: true,
        ratePct: '10',
        equityAtArming: '10000000',
        unrealizedPnlAtArming: '0',
        armedAt: T(0),
      },
      evaluation: {
        totalUnrealizedPnl: '-1200',
        realizedPnlSinceArming: '0',
        pnlSinceArming,
        lossKrw: '1200',
        lossRatePct: '0.012',
        limitKrw: '1000000',
        breached: false,
      },
    },
    equityKrw,
    lastTransitions: [],
    leader,
  });
  if (!reply.ok) throw new Error('not ok');
  return reply;
};

describe('hoga risk status (text)', () => {
  it("splits the equity's move since arming into hoga's PnL and money moved outside hoga", () => {
    // 10,000,000 armed; hoga lost 1,200.5; the user withdrew 3,000,000: equity 6,998,799.5.
    const lines = renderRiskStatus(armed('6998799.5', '-1200.5'));
    ok(
      lines.some((l) => /^hoga PnL since arming\s+-1,201 KRW$/.test(l)),
      lines.join('\n'),
    );
    ok(
      lines.some((l) => /^not from hoga\s+-3,000,000 KRW \(deposits/.test(l)),
      lines.join('\n'),
    );
  });

  it('prints every KRW figure through the one formatter: whole won, separators, the unit', () => {
    const lines = renderRiskStatus(armed('10000115.16077958', '115.16077958'));
    const row = (name: string) => lines.find((l) => l.startsWith(`${name} `))?.split(/\s{2,}/)[1];
    deepStrictEqual(
      {
        equity: row('equity'),
        limit: row('loss limit')?.replace(/ \(armed .*\)$/, ''),
        unrealized: row('unrealized PnL'),
        exposure: row('exposure'),
        hoga: row('hoga PnL since arming'),
      },
      {
        equity: '10,000,115 KRW',
        limit: '10% of 10,000,000 KRW',
        unrealized: '-1,200 KRW',
        exposure: '95,000 KRW',
        hoga: '115 KRW',
      },
    );
    ok(!lines.join('\n').includes('16077958'), lines.join('\n'));
  });

  it('leaves the split out while the equity or the limit is unknown', () => {
    const lines = renderRiskStatus(status(null, []));
    ok(!lines.some((l) => l.startsWith('not from hoga')), lines.join('\n'));
  });

  it('shows the equity now and the last transitions, newest first', () => {
    const lines = renderRiskStatus(
      status('10250000.5', [
        transition(1, 'ACTIVE', 'REDUCING', 'thin\nmarket'),
        transition(7, 'REDUCING', 'HALTED', 'loss limit breached'),
      ]),
    );
    ok(
      lines.some((l) => /^equity\s+10,250,001 KRW$/.test(l)),
      lines.join('\n'),
    );
    const header = lines.findIndex((l) => l.startsWith('AT'));
    ok(header > 0, lines.join('\n'));
    deepStrictEqual(
      lines.slice(header + 1).map((l) => l.split(/\s{2,}/)),
      [
        [T(7), 'REDUCING', 'HALTED', 'cli:alice@desk', 'loss limit breached'],
        [T(1), 'ACTIVE', 'REDUCING', 'cli:alice@desk', 'thin market'],
      ],
    );
  });

  it('names the instance that answered (the leader) and since when it leads', () => {
    const lines = renderRiskStatus(status('1', []));
    const lastRow = lines[lines.indexOf('') - 1];
    deepStrictEqual(lastRow?.split(/\s{2,}/), ['leader', `rg-b.desk:4242 (since ${T(3)})`]);
  });

  it(`says when equity is unknown and there are no transitions; shows at most ${TRANSITIONS_SHOWN}`, () => {
    const empty = renderRiskStatus(status(null, []));
    ok(empty.some((l) => /^equity\s+unknown$/.test(l)));
    strictEqual(empty.at(-1), 'no transitions yet');
    const many = Array.from({ length: 8 }, (_, i) =>
      transition(i, i % 2 === 0 ? 'ACTIVE' : 'REDUCING', i % 2 === 0 ? 'REDUCING' : 'ACTIVE'),
    );
    const lines = renderRiskStatus(status('1', many));
    const header = lines.findIndex((l) => l.startsWith('AT'));
    strictEqual(lines.length - header - 1, TRANSITIONS_SHOWN);
    ok(lines[header + 1]?.startsWith(T(7)));
  });
});
