/**
 * How a WebSocket proves it is alive. A socket can stay open and deliver nothing (a frozen
 * server, a half-dead NAT): only a deadline finds it. The client pings every
 * {@link DEFAULT_PING_INTERVAL_MS}; every frame and every pong is a sign of life; a socket with
 * no sign of life for {@link DEFAULT_STALL_TIMEOUT_MS} is dropped and reopened. With these
 * defaults a silent socket is found at most 12 s after its last sign of life (issue 15: within
 * 15 s), and a healthy idle one answers a ping every 4 s.
 */
export const DEFAULT_PING_INTERVAL_MS = 4_000;
/** No frame and no pong for this long: the socket is stalled. */
export const DEFAULT_STALL_TIMEOUT_MS = 12_000;

/** What the stall check found at `nowMs`. */
export type StallVerdict =
  | { readonly stalled: true; readonly silentMs: number }
  | { readonly stalled: false; readonly checkAgainInMs: number };

/**
 * The stall rule, pure: stalled once `deadlineMs` has passed since the last sign of life;
 * otherwise when to look again (the moment the deadline would pass, at least 1 ms).
 */
export function stallVerdict(nowMs: number, lastLifeMs: number, deadlineMs: number): StallVerdict {
  const silentMs = Math.max(0, nowMs - lastLifeMs);
  if (silentMs >= deadlineMs) return { stalled: true, silentMs };
  return { stalled: false, checkAgainInMs: Math.max(1, deadlineMs - silentMs) };
}
