/**
 * The live socket's server frames (services/dashboard-gateway/src/live/live-protocol.ts and
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

/** The frame in `text`, or undefined when it is not one the page knows. */
export function parseFrame(text: string): ServerFrame | undefined {
  let u: unknown;
  try {
    u = JSON.parse(text);
  } catch {
    return undefined;
  }
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
