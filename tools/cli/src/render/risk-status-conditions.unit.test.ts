import { ok } from 'node:assert/strict';
import { RiskStatusReply } from '@hoga/contracts';
import { decodeOrThrow } from '@hoga/model';
import { renderRiskStatus } from './risk-status.js';

const T = '2026-12-06T10:00:00.000Z';
const reply = (conditions: unknown[] | undefined) => {
  const r = decodeOrThrow(RiskStatusReply, {
    ok: true,
    risk: {
      state: 'ACTIVE',
      reason: 'initial',
      since: null,
      lossLimit: null,
      evaluation: null,
      unrealizedPnlKrw: '0',
      exposureKrw: '0',
      holdingPositions: 1,
      ...(conditions === undefined ? {} : { conditions }),
    },
    equityKrw: null,
    lastTransitions: [],
    leader: { instanceId: 'rg', since: T },
  });
  if (!r.ok) throw new Error('not ok');
  return r;
};

describe('hoga risk status: conditions', () => {
  it('shows why entries cannot work while the state stays ACTIVE', () => {
    const lines = renderRiskStatus(
      reply([
        {
          kind: 'exchange-access',
          reason: 'Upbit refuses the API key (expired_access_key on GET /v1/accounts)',
          since: T,
          markets: ['KRW-ETH'],
        },
        {
          kind: 'market-feed-quiet',
          reason: 'no tick from KRW-BTC',
          since: T,
          markets: ['KRW-BTC'],
        },
      ]),
    );
    const access = lines.find((l) => l.startsWith('EXCHANGE ACCESS'));
    ok(access?.includes('expired_access_key') && access.includes('KRW-ETH'), access);
    ok(lines.some((l) => l.startsWith('QUIET MARKETS') && l.includes('KRW-BTC')));
  });

  it('shows no condition line when there are none (older leaders send none)', () => {
    for (const conditions of [undefined, []])
      ok(!renderRiskStatus(reply(conditions)).some((l) => /EXCHANGE ACCESS|QUIET/.test(l)));
  });
});
