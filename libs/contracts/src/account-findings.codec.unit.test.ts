import { deepEqual, equal, ok } from 'node:assert/strict';
import {
  AccountFindingEvent,
  AccountStatusReply,
  AcknowledgeFinding,
} from './account-findings.codec.js';
import { foreignOrderFinding } from './testing/account-finding-samples.js';
import { failingPaths, throughTheWire, wire, withData } from './testing/codec.js';

const finding = foreignOrderFinding(
  'u-1',
  { placedAt: '2026-12-06T19:00:00+09:00', detectedAt: '2026-12-06T10:00:01.000Z' },
  'my-order',
);

describe('account findings codecs', () => {
  it('every event of the account-findings stream survives the wire', () => {
    const events = [
      wire('AccountFindingRecorded', { finding }),
      wire('AccountFindingUpdated', {
        findingId: 'foreign-order:u-1',
        state: 'done',
        executedVolume: '0.001',
        executedFunds: '95000',
        seenAt: '2026-12-06T10:00:02.000Z',
      }),
      wire('AccountFindingActed', {
        findingId: 'foreign-order:u-1',
        action: 'halt',
        tradingState: 'HALTED',
        at: '2026-12-06T10:00:02.000Z',
      }),
      wire('AccountFindingAcknowledged', {
        findingId: 'foreign-order:u-1',
        commandId: 'c-1',
        issuedBy: 'cli:alice',
        reason: 'mine',
        at: '2026-12-06T10:01:00.000Z',
      }),
    ];
    for (const e of events) {
      const { encoded } = throughTheWire(AccountFindingEvent, e);
      deepEqual(encoded, e);
    }
  });

  it('a drift carries its figures; decimals stay exact', () => {
    const drift = {
      ...finding,
      findingId: 'balance-drift:KRW-BTC:0.002:0',
      kind: 'balance-drift',
      side: null,
      ordType: null,
      price: null,
      state: 'shortfall',
      source: 'balances',
      drift: {
        currency: 'BTC',
        exchangeVolume: '0',
        hogaVolume: '0.00199800',
        missingVolume: '0.00199800',
        missingKrw: '199800',
      },
    };
    const { second } = throughTheWire(
      AccountFindingEvent,
      wire('AccountFindingRecorded', { finding: drift }),
    );
    ok(second.type === 'AccountFindingRecorded');
    equal(second.data.finding.drift?.hogaVolume.toFixed(), '0.001998');
  });

  it('refuses an acknowledgement without an issuer, an unknown kind, a finding id with spaces', () => {
    const ack = wire('AcknowledgeFinding', {
      findingId: 'foreign-order:u-1',
      commandId: 'c-1',
      issuedBy: 'cli:alice',
      reason: 'mine',
    });
    throughTheWire(AcknowledgeFinding, ack);
    deepEqual(failingPaths(AcknowledgeFinding, withData(ack, { issuedBy: '' })), ['data.issuedBy']);
    deepEqual(failingPaths(AcknowledgeFinding, withData(ack, { findingId: 'a b' })), [
      'data.findingId',
    ]);
    deepEqual(
      failingPaths(
        AccountFindingEvent,
        wire('AccountFindingRecorded', { finding: { ...finding, kind: 'odd' } }),
      ),
      ['data.finding.kind'],
    );
  });

  it('a status reply round-trips', () => {
    const reply = {
      ok: true,
      findings: [{ finding, action: null, acknowledged: null }],
      openFindings: 1,
      foreignTrades: [
        {
          market: 'KRW-BTC',
          boughtVolume: '0.001',
          boughtKrw: '95000',
          soldVolume: '0',
          soldKrw: '0',
        },
      ],
      holdings: [{ market: 'KRW-BTC', exchangeVolume: '1', hogaVolume: '0', unmanagedVolume: '1' }],
      checkedAt: null,
      policy: { foreignOrder: 'alert', balanceDrift: 'reduce' },
    };
    deepEqual(throughTheWire(AccountStatusReply, reply).encoded, reply);
  });
});
