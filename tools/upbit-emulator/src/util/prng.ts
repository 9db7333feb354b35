/**
 * Deterministic pseudo-random numbers: sfc32 seeded through cyrb128, so any string or number
 * seeds a stream and the same seed always yields the same sequence (no `Math.random`).
 */
export interface Random {
  /** A float in [0, 1). */
  readonly next: () => number;
  /** An unsigned 32-bit integer. */
  readonly uint32: () => number;
  /** A standard normal sample (Box-Muller). */
  readonly gaussian: () => number;
  /**
   * Where the stream is: {@link randomAt} continues it from here exactly (the durable
   * emulator keeps its uuid stream's position in each snapshot and journal record, ADR 0032).
   */
  readonly state: () => RandomState;
}

/** The position of a stream: sfc32's four words and the Box-Muller sample kept for later. */
export interface RandomState {
  readonly words: readonly [number, number, number, number];
  readonly spare: number | undefined;
}

/** cyrb128: mixes a string into four 32-bit words (the sfc32 state). */
export function hashSeed(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 over a state array of four 32-bit words (changed in place). */
function sfc32(s: Int32Array): () => number {
  return () => {
    const a = s[0]!;
    const b = s[1]!;
    const c = s[2]!;
    const d = s[3]!;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    const c2 = (c << 21) | (c >>> 11);
    s[1] = (c + (c << 3)) | 0;
    s[2] = (c2 + t) | 0;
    return t >>> 0;
  };
}

/** A random stream for `seed`; `stream` names an independent sequence from the same seed. */
export function createRandom(seed: string | number, stream = ''): Random {
  const words = Int32Array.from(hashSeed(`${String(seed)}\u0000${stream}`));
  const word = sfc32(words);
  for (let i = 0; i < 15; i++) word(); // warm up: spreads nearby seeds apart
  return randomOver(words, undefined);
}

/** The stream whose {@link Random.state} was `state`, continued from there. */
export function randomAt(state: RandomState): Random {
  return randomOver(Int32Array.from(state.words), state.spare);
}

function randomOver(words: Int32Array, spareAt: number | undefined): Random {
  const word = sfc32(words);
  let spare = spareAt;
  const next = (): number => word() / 4294967296;
  return {
    next,
    uint32: word,
    state: () => ({
      words: [words[0]! >>> 0, words[1]! >>> 0, words[2]! >>> 0, words[3]! >>> 0],
      spare,
    }),
    gaussian: () => {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      const u = 1 - next(); // (0, 1]: log is finite
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
  };
}

/** A version-4-shaped UUID drawn from `rng` (deterministic for a seeded stream). */
export function randomUuid(rng: Random): string {
  const hex = [rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()]
    .map((w) => w.toString(16).padStart(8, '0'))
    .join('');
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
