import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { canonicalJson, chainLink, contentHash, verifyChain } from './hash-chain.js';
import type { ChainedEvent } from './hash-chain.js';

const chained = (streamId: string, datas: readonly unknown[]): ChainedEvent[] => {
  let head: string | null = null;
  return datas.map((data, i) => {
    const event = {
      streamId,
      streamVersion: i + 1,
      type: 'T',
      data,
      metadata: { eventId: `e${i}` },
    };
    head = chainLink(head, contentHash(event));
    return { ...event, hash: head };
  });
};

describe('hash chain', () => {
  it('writes RFC 8785 canonical JSON: keys by UTF-16 code units, no whitespace, JSON.stringify rules', () => {
    strictEqual(
      canonicalJson({ b: 1, a: [true, null, 'x'], '10': 0, '2': -0, u: undefined, d: new Date(0) }),
      '{"10":0,"2":0,"a":[true,null,"x"],"b":1,"d":"1970-01-01T00:00:00.000Z"}',
    );
    strictEqual(canonicalJson([undefined, 1e21, 0.1, '\u2028']), '[null,1e+21,0.1,"\u2028"]');
    // The same value with keys in another order hashes the same.
    strictEqual(
      contentHash({ streamId: 's', type: 't', data: { x: 1, y: 2 }, metadata: {} }),
      contentHash({ streamId: 's', type: 't', data: { y: 2, x: 1 }, metadata: {} }),
    );
  });

  it('links: hash(v) = SHA-256(hash(v-1) ‖ content(v)), from the empty string', () => {
    // SHA-256 of the 32 bytes of content alone, as `sha256(''::bytea || c)` in PostgreSQL.
    const content = 'aa'.repeat(32);
    // Computed by PostgreSQL: encode(sha256(''::bytea || decode(repeat('aa', 32), 'hex')), 'hex').
    strictEqual(
      chainLink(null, content),
      'e0e77a507412b120f6ede61f62295b1a7b2ff19d3dcc8f7253e51663470c888e',
    );
  });

  it('verifies a whole chain and gives its head', () => {
    const events = chained('s', [{ n: 1 }, { n: 2 }, { n: 3 }]);
    deepStrictEqual(verifyChain(events, { version: 3, hash: events[2]!.hash! }), {
      ok: true,
      version: 3,
      head: events[2]!.hash,
    });
  });

  it('finds an edited event, a removed one, a rewritten hash, an unhashed row and a cut tail', () => {
    const events = chained('s', [{ n: 1 }, { n: 2 }, { n: 3 }]);
    const edited = events.map((e, i) => (i === 1 ? { ...e, data: { n: 20 } } : e));
    deepStrictEqual(verifyChain(edited).ok ? null : verifyChain(edited), {
      ok: false,
      break: {
        kind: 'hash-mismatch',
        version: 2,
        stored: events[1]!.hash,
        computed: chainLink(events[0]!.hash!, contentHash(edited[1]!)),
      },
    });
    const removed = [events[0]!, events[2]!];
    deepStrictEqual(verifyChain(removed), {
      ok: false,
      break: { kind: 'version-gap', version: 3, expectedVersion: 2 },
    });
    // Event 2 edited and its hash recomputed by hand: event 3 no longer links to it.
    const rehashed = events.map((e, i) =>
      i === 1 ? { ...edited[1]!, hash: chainLink(events[0]!.hash!, contentHash(edited[1]!)) } : e,
    );
    const verdict = verifyChain(rehashed);
    strictEqual(!verdict.ok && verdict.break.kind === 'hash-mismatch' && verdict.break.version, 3);
    const unhashed = events.map((e, i) => (i === 2 ? { ...e, hash: null } : e));
    deepStrictEqual(verifyChain(unhashed), { ok: false, break: { kind: 'unhashed', version: 3 } });
    const cut = events.slice(0, 2);
    deepStrictEqual(verifyChain(cut, { version: 3, hash: events[2]!.hash! }), {
      ok: false,
      break: {
        kind: 'head-mismatch',
        version: 2,
        headVersion: 3,
        headHash: events[2]!.hash,
        lastHash: events[1]!.hash,
      },
    });
  });
});
