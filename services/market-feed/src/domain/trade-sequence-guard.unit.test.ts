import { deepEqual } from 'node:assert/strict';
import { TradeSequenceGuard } from './trade-sequence-guard.js';

describe('TradeSequenceGuard', () => {
  it('accepts trades in time order and numbers those sharing a millisecond', () => {
    const g = new TradeSequenceGuard();
    deepEqual(g.admit('KRW-BTC', 1000, 'sid:1'), { kind: 'accepted', ordinal: 0 });
    deepEqual(g.admit('KRW-BTC', 1000, 'sid:2'), { kind: 'accepted', ordinal: 1 });
    deepEqual(g.admit('KRW-BTC', 1001, 'sid:3'), { kind: 'accepted', ordinal: 0 });
  });

  it('drops the same trade again: a reconnect snapshot repeats the last one', () => {
    const g = new TradeSequenceGuard();
    g.admit('KRW-BTC', 1000, 'sid:1');
    g.admit('KRW-BTC', 1000, 'sid:2');
    deepEqual(g.admit('KRW-BTC', 1000, 'sid:1'), { kind: 'duplicate' });
    deepEqual(g.admit('KRW-BTC', 1000, 'sid:2'), { kind: 'duplicate' });
  });

  it('drops a trade older than the last accepted one, whatever its id (ids do not order)', () => {
    const g = new TradeSequenceGuard();
    g.admit('KRW-BTC', 2000, 'sid:5');
    deepEqual(g.admit('KRW-BTC', 1999, 'sid:9'), { kind: 'out-of-order' });
    deepEqual(g.admit('KRW-BTC', 2000, 'sid:4'), { kind: 'accepted', ordinal: 1 });
  });

  it('keeps markets apart, and starts a forgotten market afresh', () => {
    const g = new TradeSequenceGuard();
    g.admit('KRW-BTC', 2000, 'sid:1');
    deepEqual(g.admit('KRW-ETH', 1000, 'sid:1'), { kind: 'accepted', ordinal: 0 });
    g.forget('KRW-BTC');
    deepEqual(g.admit('KRW-BTC', 1000, 'sid:1'), { kind: 'accepted', ordinal: 0 });
  });

  it('matches an alias without recording it', () => {
    const g = new TradeSequenceGuard();
    g.admit('KRW-BTC', 1000, 'tk:a');
    deepEqual(
      g.admit('KRW-BTC', 1000, 'sid:1', () => 'tk:a'),
      { kind: 'duplicate' },
    );
    deepEqual(
      g.admit('KRW-BTC', 1000, 'sid:2', () => 'tk:b'),
      { kind: 'accepted', ordinal: 1 },
    );
    deepEqual(
      g.admit('KRW-BTC', 1000, 'sid:3', () => 'tk:b'),
      { kind: 'accepted', ordinal: 2 },
    );
  });
});
