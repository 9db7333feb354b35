import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import fc from 'fast-check';
import { compiledCheckOf, decoderOf, decodeWith, encoderOf, isRefused } from '@hoga/model';
import { MESSAGE_SAMPLES, type MessageSample } from './testing/message-samples.js';
import { tamperedCopies } from './testing/tampered.arbitrary.js';

/** io-ts's verdict and the compiled checks' agree: both refuse, or both give the same value. */
function agrees({ codec }: MessageSample, input: unknown): void {
  const expected = codec.decode(input);
  const fast = compiledCheckOf(codec)(input);
  if (expected._tag === 'Left')
    ok(isRefused(fast), 'the compiled checks accept what io-ts refuses');
  else {
    ok(!isRefused(fast), 'the compiled checks refuse what io-ts accepts');
    deepStrictEqual(fast, expected.right);
  }
}

// The bus decodes every message with its route's codec compiled (`decoderOf`): what it accepts,
// refuses and gives must be io-ts's own, for every message type it carries.
describe('every message codec, compiled', () => {
  for (const sample of MESSAGE_SAMPLES)
    it(`decodes ${sample.name} (${sample.sample.type}) as io-ts does`, () =>
      agrees(sample, sample.sample));

  it('accepts and refuses exactly what io-ts does, for tampered messages', () => {
    for (const sample of MESSAGE_SAMPLES)
      fc.assert(
        fc.property(tamperedCopies([sample.sample]), (input) => agrees(sample, input)),
        { numRuns: 300 },
      );
  });

  it('refuses anything else as io-ts does', () => {
    for (const sample of MESSAGE_SAMPLES)
      fc.assert(
        fc.property(fc.anything(), (input) => agrees(sample, input)),
        { numRuns: 50 },
      );
  });

  it('gives a refused message io-ts’s own reasons, compiled once per codec', () => {
    const { codec, sample } = MESSAGE_SAMPLES[0]!;
    const bad = { ...sample, id: '' };
    const fast = decoderOf(codec)(bad);
    const slow = decodeWith(codec, bad);
    ok(fast._tag === 'Left' && slow._tag === 'Left');
    deepStrictEqual(fast.left.message, slow.left.message);
    ok(decoderOf(codec) === decoderOf(codec));
  });
});

/** What an encode gives, or the error it throws. */
function outcome(encode: (a: unknown) => unknown, value: unknown): unknown {
  try {
    const encoded = encode(value);
    return { encoded, json: JSON.stringify(encoded) };
  } catch (error) {
    return { threw: error instanceof Error ? error.message : String(error) };
  }
}

/** io-ts's encode and the compiled one give the same value, the same JSON text, or both throw. */
function encodesAlike({ codec }: MessageSample, value: unknown): void {
  deepStrictEqual(outcome(encoderOf(codec), value), outcome(codec.encode, value));
}

const decoded = ({ codec, sample }: MessageSample): unknown => {
  const r = codec.decode(sample);
  if (r._tag === 'Left') throw new Error('a sample does not decode');
  return r.right;
};

// The bus encodes every message it sends with its route's codec compiled (`encoderOf`).
describe('every message codec, its encode compiled', () => {
  for (const sample of MESSAGE_SAMPLES)
    it(`encodes ${sample.name} (${sample.sample.type}) as io-ts does, to the same JSON`, () => {
      encodesAlike(sample, decoded(sample));
      strictEqual(
        JSON.stringify(encoderOf(sample.codec)(decoded(sample))),
        JSON.stringify(sample.sample),
      );
    });

  it('encodes altered values as io-ts does (or throws as it does)', () => {
    for (const sample of MESSAGE_SAMPLES)
      fc.assert(
        fc.property(tamperedCopies([decoded(sample) as object]), (value) =>
          encodesAlike(sample, value),
        ),
        { numRuns: 200 },
      );
  });

  it('is compiled once per codec', () => {
    const { codec } = MESSAGE_SAMPLES[0]!;
    ok(encoderOf(codec) === encoderOf(codec));
  });
});
