import { equal, ok, throws } from 'node:assert/strict';
import { DEFAULT_PARTITION_COUNT, isPartitionCount, partitionOf } from './partition-of.js';

describe('partitionOf (ADR 0018, 0065)', () => {
  it('keeps its values: the leases, the position index and the order-event subjects all use them', () => {
    // The first 32 bits of sha256('pos-1') are 3683198476 (0xdb89260c); a change of the rule
    // moves positions between partitions and orphans every stored index row and every
    // unconsumed order event.
    equal(partitionOf('pos-1', DEFAULT_PARTITION_COUNT), 12);
    equal(partitionOf('pos-1', 5), 1);
    equal(partitionOf('pos-2', 16), 7);
    equal(partitionOf('pos-1', 1), 0);
  });
  it('spreads positions over every partition, each in range', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i += 1) {
      const p = partitionOf(`pos-${i}`, 16);
      ok(p >= 0 && p < 16);
      seen.add(p);
    }
    equal(seen.size, 16);
  });
  it('refuses a partition count outside 1..4096', () => {
    for (const count of [0, -1, 2.5, 4097, Number.NaN]) {
      equal(isPartitionCount(count), false);
      throws(() => partitionOf('pos-1', count), RangeError);
    }
    ok(isPartitionCount(1) && isPartitionCount(4096));
  });
});
