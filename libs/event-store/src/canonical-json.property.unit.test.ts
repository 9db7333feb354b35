import { strictEqual } from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { canonicalJson, chainLink, contentHash } from './hash-chain.js';

/**
 * RFC 8785 as plainly as it can be written (for the values these tests make: no `undefined`,
 * no `toJSON`): keys sorted with the default sort (UTF-16 code units), strings, numbers and keys
 * as `JSON.stringify` writes them. (An object rebuilt with sorted keys would not do: the engine
 * puts integer-like keys first.) The fast writer must agree with it.
 */
const reference = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
};

/** Strings with what must be escaped: quotes, backslashes, controls, lone and paired surrogates. */
const awkwardString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '"',
    '\\',
    '\n',
    '\u0000',
    '\u001f',
    '\u007f',
    '\u2028',
    '\ud800',
    '\udfff',
    '😀',
  ),
);

const jsonish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    awkwardString,
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(awkwardString, tie('value'), { maxKeys: 20 }),
  ),
})).value;

/** The link as the chain defines it, with buffers built the plain way. */
const referenceLink = (previous: string | null, content: string): string =>
  createHash('sha256')
    .update(Buffer.concat([Buffer.from(previous ?? '', 'hex'), Buffer.from(content, 'hex')]))
    .digest('hex');

describe('canonical JSON and links (properties)', () => {
  it('writes what a plain RFC 8785 writer writes, for any JSON value with awkward strings', () => {
    fc.assert(
      fc.property(jsonish, (value) => {
        strictEqual(canonicalJson(value), reference(value));
      }),
      { numRuns: 2_000 },
    );
  });

  it('writes keys that repeat across calls the same way each time (the kept quoted keys)', () => {
    fc.assert(
      fc.property(fc.array(fc.dictionary(awkwardString, fc.integer()), { maxLength: 5 }), (os) => {
        for (const o of os) strictEqual(canonicalJson(o), reference(o));
      }),
    );
  });

  it('links and content digests equal SHA-256 over the plain concatenation', () => {
    const digest = fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .map((b) => Buffer.from(b).toString('hex'));
    fc.assert(
      fc.property(fc.option(digest), digest, (previous, content) => {
        strictEqual(chainLink(previous, content), referenceLink(previous, content));
      }),
    );
    fc.assert(
      fc.property(awkwardString, jsonish, (type, data) => {
        const event = { streamId: 's-1', type, data, metadata: { eventId: type } };
        const expected = createHash('sha256')
          .update(reference(['s-1', type, data, { eventId: type }]))
          .digest('hex');
        strictEqual(contentHash(event), expected);
      }),
    );
  });
});
