import { deepEqual, equal } from 'node:assert/strict';
import { foreignOrderFinding } from '@hoga/contracts/testing';
import type { RecordedEvent } from '@hoga/event-store';
import { findingAcknowledgements, operatorCommands } from './ops.js';

const finding = (findingId: string) =>
  foreignOrderFinding(findingId.slice('foreign-order:'.length), {
    placedAt: '2026-12-07T01:00:00.000Z',
    detectedAt: '2026-12-07T01:00:01.000Z',
  });

let version = 0;
const row = (type: string, data: Record<string, unknown>, minute: number): RecordedEvent => {
  version += 1;
  const at = new Date(Date.UTC(2026, 11, 7, 2, minute)).toISOString();
  return {
    streamId: 'account-findings',
    streamVersion: version,
    globalPosition: BigInt(version),
    transactionId: BigInt(version),
    type,
    data,
    metadata: { eventId: `ev-${version}`, occurredAt: at, causationId: null, correlationId: 'c' },
    recordedAt: new Date(at),
    hash: null,
  };
};
const ack = (findingId: string, commandId: string, issuedBy: string, minute: number) =>
  row(
    'AccountFindingAcknowledged',
    {
      findingId,
      commandId,
      issuedBy,
      reason: `mine, placed by hand (${commandId})`,
      at: new Date(Date.UTC(2026, 11, 7, 2, minute)).toISOString(),
    },
    minute,
  );

describe('audit ops: acknowledgements of the account watch', () => {
  it('lists who acknowledged which finding, when, why, and whether the stream bears it out', () => {
    version = 0;
    const rows = [
      row('AccountFindingRecorded', { finding: finding('foreign-order:u-1') }, 0),
      row(
        'AccountFindingUpdated',
        {
          findingId: 'foreign-order:u-1',
          state: 'done',
          executedVolume: '0.001',
          executedFunds: '95000',
          seenAt: '2026-12-07T02:01:00.000Z',
        },
        1,
      ),
      ack('foreign-order:u-1', 'ack-1', 'cli:alice@desk', 2),
      // A second acknowledgement of the same finding, and one of a finding never recorded: the
      // account watch records neither, so a stored one is listed as refused.
      ack('foreign-order:u-1', 'ack-2', 'cli:bob@desk', 3),
      ack('foreign-order:u-9', 'ack-3', 'cli:bob@desk', 4),
      // Not decodable (no reason): listed, refused, with why.
      row(
        'AccountFindingAcknowledged',
        {
          findingId: 'foreign-order:u-1',
          commandId: 'ack-4',
          issuedBy: 'cli:eve',
          at: '2026-12-07T02:05:00.000Z',
        },
        5,
      ),
    ];
    const acks = findingAcknowledgements(rows);
    deepEqual(acks[0], {
      at: '2026-12-07T02:02:00.000Z',
      recordedAt: '2026-12-07T02:02:00.000Z',
      by: 'cli:alice@desk',
      command: 'AccountFindingAcknowledged foreign-order:u-1',
      target: 'account-findings',
      reason: 'mine, placed by hand (ack-1)',
      commandId: 'ack-1',
      result: 'applied',
      version: 3,
    });
    deepEqual(
      acks.map((a) => [a.version, a.by, a.result]),
      [
        [3, 'cli:alice@desk', 'applied'],
        [4, 'cli:bob@desk', 'refused'],
        [5, 'cli:bob@desk', 'refused'],
        [6, 'cli:eve', 'refused'],
      ],
    );
    equal(acks[3]!.reason?.startsWith('does not decode:'), true, acks[3]!.reason ?? '');
    // They join the operator commands, oldest first, and a window cuts them by recorded time.
    equal(operatorCommands([], null, null, acks).length, 4);
    deepEqual(
      operatorCommands(
        [],
        null,
        { from: '2026-12-07T02:03:00.000Z', to: '2026-12-07T02:05:00.000Z' },
        acks,
      ).map((c) => c.commandId),
      ['ack-2', 'ack-3'],
    );
  });
});
