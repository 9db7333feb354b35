import * as E from 'fp-ts/lib/Either.js';
import { opsRequest, requestOps, type Bus, type Subscription } from '@hoga/bus';
import { subjects, type PositionEvent, type PositionState } from '@hoga/contracts';
import { Decimal, formatAmount } from '@hoga/model';
import { guardedStdout } from '@hoga/telemetry';

type Row = PositionState['data'];

/** A short position id: `pos-` and 8 hex digits. */
export const shortId = (id: string): string => id.slice(0, 12);

/** A KRW figure rounded to `digits` decimals, grouped by the one KRW helper (exact: no float). */
const fmt = (value: Decimal | null, digits = 0): string =>
  value === null ? '-' : formatAmount(value.toDecimalPlaces(digits, Decimal.ROUND_HALF_UP));

/** One position as a line (also a table row). */
export function positionLine(p: Row): string {
  return [
    shortId(p.positionId).padEnd(12),
    p.market.padEnd(9),
    p.status.padEnd(7),
    (p.paused ? 'paused' : '-').padEnd(6),
    p.volume.toFixed().padStart(12),
    fmt(p.avgEntryPrice, 2).padStart(13),
    fmt(p.lastPrice, 2).padStart(13),
    fmt(p.unrealizedPnlKrw).padStart(9),
    fmt(p.realizedPnlKrw).padStart(9),
    p.exitReason ?? '-',
  ].join(' ');
}

const HEADER = [
  'position'.padEnd(12),
  'market'.padEnd(9),
  'status'.padEnd(7),
  'paused',
  'volume'.padStart(12),
  'avg entry'.padStart(13),
  'last'.padStart(13),
  'unreal.'.padStart(9),
  'realized'.padStart(9),
  'exit',
].join(' ');

/** Why, for the events that carry a reason. */
const detail = (e: PositionEvent): string => {
  const d = e.data as Record<string, unknown>;
  const parts = ['reason', 'cause', 'code', 'message']
    .map((k) => d[k])
    .filter((v): v is string => typeof v === 'string' && v !== '');
  return parts.length > 0 ? ` (${parts.join(': ').slice(0, 160)})` : '';
};

const eventLine = (e: PositionEvent, subject: string): string =>
  `${e.occurredAt.slice(11, 19)} ${shortId(subject.split('.').pop() ?? '')} ${e.type}${detail(e)}`;

/** What decides a non-TTY line: a price move alone is not a change worth a line. */
const signature = (p: Row) =>
  `${p.status}|${p.paused}|${p.volume.toFixed()}|${p.realizedPnlKrw.toFixed()}|${p.exitReason}`;

/** Where the live view writes: the engine's guarded stdout (a broken pipe turns it off). */
export interface LiveViewOutput {
  write(text: string): void;
  readonly isTTY: boolean;
}

/** A running live view. */
export interface LiveView {
  /** Replaces the banner above the table. */
  setBanner(lines: readonly string[]): void;
  stop(): Promise<void>;
}

/**
 * Prints the positions and recent events: a table redrawn every `intervalMs` on a terminal,
 * else one line per change (`position ...`, `event ...`) for logs and tests.
 */
export async function startLiveView(
  bus: Bus,
  initialBanner: readonly string[],
  out: LiveViewOutput = guardedStdout(),
  intervalMs = 2000,
): Promise<LiveView> {
  let banner = initialBanner;
  const rows = new Map<string, Row>();
  const printed = new Map<string, string>();
  const events: string[] = [];
  const tty = out.isTTY;
  const update = (p: Row) => {
    rows.set(p.positionId, p);
    if (!tty && printed.get(p.positionId) !== signature(p)) {
      printed.set(p.positionId, signature(p));
      out.write(`position ${positionLine(p)}\n`);
    }
  };
  const subscriptions: Subscription[] = [
    await bus.subscribe(subjects.positionState('*'), (d) => update(d.data.data)),
    await bus.subscribe(subjects.positionEvt('*'), (d) => {
      const line = eventLine(d.data, d.subject);
      events.push(line);
      if (events.length > 5) events.shift();
      if (!tty) out.write(`event ${line}\n`);
    }),
  ];
  const list = opsRequest('position-actor', 'list', { statuses: null, market: null });
  if (E.isRight(list)) {
    const reply = await requestOps(bus, 'position-actor', 'list', list.right, {
      timeoutMs: 30_000,
    }).catch(() => undefined);
    if (reply?.ok === true) reply.positions.forEach(update);
  }
  const draw = () => {
    const table = [...rows.values()].sort((a, b) => a.positionId.localeCompare(b.positionId));
    out.write(
      [
        '\x1b[2J\x1b[H' + banner.join('\n'),
        '',
        HEADER,
        ...table.map(positionLine),
        '',
        'recent events:',
        ...events.map((e) => `  ${e}`),
        '',
        'Ctrl-C stops (the next `npm start` resumes these positions); closing the terminal does not.',
        '',
      ].join('\n'),
    );
  };
  const timer = tty ? setInterval(draw, intervalMs) : undefined;
  if (tty) draw();
  return {
    setBanner: (lines) => void (banner = lines),
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      for (const s of subscriptions) await s.unsubscribe();
    },
  };
}
