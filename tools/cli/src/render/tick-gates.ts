import { formatKrw } from '@hoga/model';
import type { OkReply } from '../ops-client.js';
import { renderTable } from './table.js';

type ActorStatus = OkReply<'position-actor', 'status'>;
type FeedStatus = OkReply<'market-feed', 'status'>;

/**
 * The tick gates (ADR 0024) as lines: market-feed's frame counts with every refused frame by
 * reason, then position-actor's gate — delivered, stopped by reason, held levels — each from the
 * instance that answered. A part that did not answer is one line saying why.
 */
export function renderTickGates(
  feed: FeedStatus | { readonly error: string },
  actor: ActorStatus | { readonly error: string },
): string[] {
  const lines: string[] = [];
  if ('error' in feed) lines.push(`market-feed: ${feed.error}`);
  else {
    const f = feed.feed;
    lines.push(
      ...renderTable(
        ['MARKET-FEED', feed.markets.join(',') || '-'],
        [
          ['ticks published', String(f.ticks)],
          ['duplicates / out of order', `${f.duplicates} / ${f.outOfOrder}`],
          ...Object.entries(f.rejected).map(([why, n]) => [`refused: ${why}`, String(n)]),
        ],
      ),
    );
  }
  lines.push('');
  if ('error' in actor) lines.push(`position-actor: ${actor.error}`);
  else {
    const t = actor.ticks;
    const s = t.settings;
    lines.push(
      ...renderTable(
        ['POSITION-ACTOR', actor.instanceId],
        [
          [
            'price sanity',
            `±${s.bandPct.toString()}% of the median of ${s.window}, ${s.confirmTrades} confirming trades`,
          ],
          ['received / delivered', `${t.received} / ${t.delivered}`],
          ...Object.entries(t.rejected).map(([why, n]) => [`rejected: ${why}`, String(n)]),
          ...Object.entries(t.held).map(([why, n]) => [`held: ${why}`, String(n)]),
          ['confirmed / dropped', `${t.confirmed} / ${t.dropped}`],
          ...t.holding.map((l) => [
            `holding ${l.market}`,
            // exactly as it traded: a held price is suspect, not on a grid
            `${l.trades} trade(s) from ${formatKrw(l.firstPrice, 'en', 'exact')}`,
          ]),
          ['candles received / delivered', `${t.candles.received} / ${t.candles.delivered}`],
          ...Object.entries(t.candles.rejected).map(([why, n]) => [
            `candles refused: ${why}`,
            String(n),
          ]),
        ],
      ),
    );
  }
  return lines;
}
