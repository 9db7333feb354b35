/**
 * The live socket's server frames (services/dashboard-gateway/src/app/live/live-protocol.ts and
 * `{type:'delta', ch, seq, kind, key, data}`), checked before use: a frame of another shape is
 * dropped, never half-applied.
 */
export type ServerFrame =
  | { type: 'hello'; epoch: string; seq: number; heartbeatMs: number }
  | { type: 'snapshot'; ch: string; kind: 'replace' | 'append'; seq: number; entries: Entry[] }
  | {
      type: 'delta';
      ch: string;
      seq: number;
      kind: 'replace' | 'append';
      key: string;
      data: unknown;
    }
  | { type: 'resumed'; ch: string; fromSeq: number; seq: number }
  | { type: 'resync'; ch: string; reason: string }
  | { type: 'heartbeat'; seq: number; at: string }
  | { type: 'pong'; seq: number }
  | { type: 'unsubscribed'; ch: string }
  | { type: 'error'; code: string; message: string; ch?: string };
export interface Entry {
  key: string;
  seq: number;
  data: unknown;
}

const isObj = (u: unknown): u is Record<string, unknown> => typeof u === 'object' && u !== null;
const isSeq = (u: unknown): u is number =>
  typeof u === 'number' && Number.isSafeInteger(u) && u >= 0;
const isStr = (u: unknown): u is string => typeof u === 'string';
const isKind = (u: unknown): u is 'replace' | 'append' => u === 'replace' || u === 'append';
const isEntry = (u: unknown): u is Entry => isObj(u) && isStr(u['key']) && isSeq(u['seq']);

/**
 * The frames in one socket message: a frame, or a JSON array of frames (`/api/live?pack=1`: the
 * frames of one send round). A frame the page does not know is left out, whole.
 */
export function parseFrames(text: string): ServerFrame[] {
  let u: unknown;
  try {
    u = JSON.parse(text);
  } catch {
    return [];
  }
  const frames: ServerFrame[] = [];
  for (const one of Array.isArray(u) ? (u as unknown[]) : [u]) {
    const frame = checkFrame(one);
    if (frame !== undefined) frames.push(frame);
  }
  return frames;
}

/** `u` as a frame, or undefined when it is not one the page knows. */
function checkFrame(u: unknown): ServerFrame | undefined {
  if (!isObj(u)) return undefined;
  switch (u['type']) {
    case 'hello':
      return isStr(u['epoch']) && isSeq(u['seq']) && isSeq(u['heartbeatMs'])
        ? (u as ServerFrame)
        : undefined;
    case 'snapshot':
      return isStr(u['ch']) &&
        isKind(u['kind']) &&
        isSeq(u['seq']) &&
        Array.isArray(u['entries']) &&
        u['entries'].every(isEntry)
        ? (u as ServerFrame)
        : undefined;
    case 'delta':
      return isStr(u['ch']) && isSeq(u['seq']) && isKind(u['kind']) && isStr(u['key'])
        ? (u as ServerFrame)
        : undefined;
    case 'resumed':
      return isStr(u['ch']) && isSeq(u['seq']) ? (u as ServerFrame) : undefined;
    case 'resync':
    case 'unsubscribed':
      return isStr(u['ch']) ? (u as ServerFrame) : undefined;
    case 'heartbeat':
    case 'pong':
      return isSeq(u['seq']) ? (u as ServerFrame) : undefined;
    case 'error':
      return isStr(u['code']) && isStr(u['message']) ? (u as ServerFrame) : undefined;
    default:
      return undefined;
  }
}
