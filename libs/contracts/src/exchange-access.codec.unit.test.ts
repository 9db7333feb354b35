import { deepEqual, equal, ok } from 'node:assert/strict';
import * as E from 'fp-ts/lib/Either.js';
import { decodeWith } from '@hoga/model';
import { failingPaths, throughTheWire, wire, withData } from './testing/codec.js';
import { ExchangeAccessState } from './exchange-access.codec.js';
import { RiskState } from './risk.codec.js';
import { accountRiskSamples } from './testing/samples.js';
import { codecForSubject } from './subject-lookup.js';
import { subjects } from './subjects.js';

const lost = wire('ExchangeAccessState', {
  status: 'lost',
  problem: 'credentials',
  errorName: 'expired_access_key',
  where: 'GET /v1/accounts',
  reason: 'Upbit refuses the API key (expired_access_key): renew the key',
  since: '2026-12-06T10:00:00.000Z',
  nextCheckAt: '2026-12-06T10:00:02.000Z',
  checks: 1,
  heldExits: [{ orderId: 'o-1', market: 'KRW-BTC' }],
});

describe('ExchangeAccessState on hoga.account.access', () => {
  it('travels the wire unchanged', () => {
    const { first, second } = throughTheWire(ExchangeAccessState, lost);
    deepEqual(second, first);
    equal(subjects.accountAccess().subject, 'hoga.account.access');
    ok(codecForSubject('hoga.account.access'));
  });

  it('refuses an unknown status or problem, a negative count, a bad market', () => {
    deepEqual(failingPaths(ExchangeAccessState, withData(lost, { status: 'maybe' })), [
      'data.status',
    ]);
    deepEqual(failingPaths(ExchangeAccessState, withData(lost, { problem: 'keys' })), [
      'data.problem',
    ]);
    deepEqual(failingPaths(ExchangeAccessState, withData(lost, { checks: -1 })), ['data.checks']);
    deepEqual(
      failingPaths(
        ExchangeAccessState,
        withData(lost, { heldExits: [{ orderId: 'o', market: 'btc' }] }),
      ),
      ['data.heldExits[0].market'],
    );
  });
});

describe('RiskState conditions', () => {
  const condition = {
    kind: 'exchange-access',
    reason: 'Upbit refuses the API key',
    since: '2026-12-06T10:00:00.000Z',
    markets: [],
  };

  it('decodes a state without conditions (as written before them) and keeps it without', () => {
    const r = decodeWith(RiskState, accountRiskSamples.riskState);
    ok(E.isRight(r));
    equal(r.right.data.conditions, undefined);
  });

  it('carries conditions through the wire and refuses a bad one at its path', () => {
    const withCondition = withData(accountRiskSamples.riskState, { conditions: [condition] });
    const { first, second } = throughTheWire(RiskState, withCondition);
    deepEqual(second, first);
    deepEqual(first.data.conditions, [condition]);
    deepEqual(
      failingPaths(
        RiskState,
        withData(accountRiskSamples.riskState, { conditions: [{ ...condition, kind: 'x' }] }),
      ),
      ['data.conditions[0].kind'],
    );
  });
});
