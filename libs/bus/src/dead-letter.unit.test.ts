import { notStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { DeadLetterHeader, deadLetterHeaders, deadLetterMsgId } from './dead-letter.js';
import { InProcessStream } from './in-process/in-process-stream.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('dead letter identity and bounds', () => {
  const stream = { subject: 'hoga.order.evt.p1', stream: 'ORDER_EVT', sequence: 7 };

  it('knows one undecodable stream message by stream and sequence, whatever the consumer', () => {
    const a = deadLetterMsgId(bytes('x'), {}, { ...stream, reason: 'undecodable', error: 'e1' });
    const b = deadLetterMsgId(
      bytes('x'),
      { h: '1' },
      { ...stream, reason: 'undecodable', error: 'e2', consumer: 'p3' },
    );
    strictEqual(a, b);
    notStrictEqual(
      a,
      deadLetterMsgId(bytes('x'), {}, { ...stream, sequence: 8, reason: 'undecodable', error: '' }),
    );
  });
  it('keeps max-deliveries once per consumer', () => {
    const facts = { ...stream, reason: 'max-deliveries' as const, error: 'boom' };
    notStrictEqual(
      deadLetterMsgId(bytes('x'), {}, { ...facts, consumer: 'a' }),
      deadLetterMsgId(bytes('x'), {}, { ...facts, consumer: 'b' }),
    );
  });
  it('knows a core message by its subject, bytes and headers', () => {
    const facts = { subject: 's', reason: 'undecodable' as const, error: '' };
    strictEqual(
      deadLetterMsgId(bytes('x'), { a: '1', b: '2' }, facts),
      deadLetterMsgId(bytes('x'), { b: '2', a: '1' }, facts),
    );
    notStrictEqual(
      deadLetterMsgId(bytes('x'), { traceparent: '1' }, facts),
      deadLetterMsgId(bytes('x'), { traceparent: '2' }, facts),
    );
    notStrictEqual(deadLetterMsgId(bytes('x'), {}, facts), deadLetterMsgId(bytes('y'), {}, facts));
  });
  it('cuts the error header with a marker and records who dead-lettered', () => {
    const h = deadLetterHeaders(
      {},
      { subject: 's', reason: 'undecodable', error: 'e'.repeat(50_000) },
      'market-feed',
    );
    ok(h[DeadLetterHeader.error]!.length <= 1000);
    ok(h[DeadLetterHeader.error]!.includes('…[cut '));
    strictEqual(h[DeadLetterHeader.by], 'market-feed');
  });
});

describe('in-process stream limits', () => {
  const config = (limits: { maxAgeMs?: number; maxMsgs?: number; maxBytes?: number }) => ({
    name: 'DLQ',
    subjects: ['hoga.dlq.>'],
    retention: 'limits' as const,
    duplicateWindowMs: 60_000,
    maxAgeMs: limits.maxAgeMs ?? 0,
    ...(limits.maxMsgs !== undefined ? { maxMsgs: limits.maxMsgs } : {}),
    ...(limits.maxBytes !== undefined ? { maxBytes: limits.maxBytes } : {}),
  });

  it('discards the oldest beyond max age, as the clock moves', () => {
    let now = 0;
    const s = new InProcessStream(config({ maxAgeMs: 1_000 }), () => now);
    s.append('hoga.dlq.a', bytes('1'), {}, 'm1');
    now = 600;
    s.append('hoga.dlq.a', bytes('2'), {}, 'm2');
    now = 1_000;
    const state = s.state();
    strictEqual(state.messages, 1);
    strictEqual(state.firstSequence, 2);
    strictEqual(s.get(1), undefined);
  });
  it('discards the oldest beyond max bytes and keeps the byte count exact', () => {
    const s = new InProcessStream(config({ maxBytes: 100 }));
    for (let i = 0; i < 10; i += 1) s.append('hoga.dlq.a', new Uint8Array(30), {}, `m${i}`);
    const state = s.state();
    ok(state.bytes <= 100);
    strictEqual(state.messages, Math.floor(100 / (30 + 'hoga.dlq.a'.length)));
    strictEqual(state.lastSequence, 10);
  });
  it('deduplicates by message id: one letter kept for one message', () => {
    const s = new InProcessStream(config({ maxMsgs: 10 }));
    const first = s.append('hoga.dlq.a', bytes('x'), {}, 'same');
    const again = s.append('hoga.dlq.a', bytes('x'), {}, 'same');
    strictEqual(again.duplicate, true);
    strictEqual(again.sequence, first.sequence);
    strictEqual(s.state().messages, 1);
  });
});
