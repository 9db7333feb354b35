import { createEffect, createSignal, on, onCleanup, Show } from 'solid-js';
import type { Decimal } from '@hoga/model/decimal';
import { decimalOf, priceText, timeZone } from '../format.js';
import { locale, t } from '../i18n/i18n.js';
import type { Live } from '../live/live-store.js';
import { fetchPositionEvents } from '../timeline.js';

type Obj = Record<string, unknown>;
const obj = (u: unknown): Obj | undefined =>
  typeof u === 'object' && u !== null ? (u as Obj) : undefined;

interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}
/** lightweight-charts draws times in UTC: shifted by the zone's offset, its axis shows KST. */
const zoneShift = (): number => (timeZone() === 'UTC' ? 0 : 9 * 3600);
const barOf = (u: unknown): Bar | undefined => {
  const c = obj(u);
  const at = typeof c?.['openTime'] === 'string' ? Date.parse(c['openTime']) : NaN;
  const [o, h, l, cl] = ['open', 'high', 'low', 'close'].map((k) => decimalOf(c?.[k]));
  if (Number.isNaN(at) || !o || !h || !l || !cl) return undefined;
  return {
    time: at / 1000 + zoneShift(),
    open: o.toNumber(),
    high: h.toNumber(),
    low: l.toNumber(),
    close: cl.toNumber(),
  };
};

/**
 * The price chart of the position's market (lightweight-charts, loaded on first use): 1-minute
 * candles from `GET /api/markets/:market/candles`, the live `ticks/<market>` on the last bar, the
 * entry price as a line and the entry / exit as markers from the position's events. The figures
 * drawn are for the eye; the exact ones are in the panel above. TradingView's logo is kept.
 */
export function PriceChart(props: {
  live: Live;
  positionId: string;
  market: string;
  entryPrice: () => Decimal | undefined;
}) {
  let box: HTMLDivElement | undefined;
  const [state, setState] = createSignal<'loading' | 'ready' | 'failed'>('loading');
  createEffect(
    on(
      () => [props.positionId, props.market, timeZone(), locale()] as const,
      ([positionId, market]) => {
        let alive = true;
        let dispose = () => undefined as void;
        setState('loading');
        void (async () => {
          try {
            const lw = await import('lightweight-charts');
            const response = await fetch(
              `/api/markets/${encodeURIComponent(market)}/candles?interval=1m&count=200`,
              { credentials: 'same-origin' },
            );
            if (!response.ok) throw new Error(`candles: ${String(response.status)}`);
            const body = (await response.json()) as { candles?: unknown };
            const bars = (Array.isArray(body.candles) ? body.candles : []).flatMap((c) => {
              const b = barOf(c);
              return b ? [b] : [];
            });
            const events = (await fetchPositionEvents(positionId)) ?? [];
            if (!alive || box === undefined) return;
            const styles = getComputedStyle(document.documentElement);
            const css = (name: string, fallback: string) =>
              styles.getPropertyValue(name).trim() || fallback;
            const chart = lw.createChart(box, {
              height: 220,
              autoSize: true,
              layout: {
                background: { color: css('--panel', '#181b1f') },
                textColor: css('--text-weak', '#ccccdc'),
                attributionLogo: true,
              },
              grid: {
                vertLines: { color: css('--border', '#2c3235') },
                horzLines: { color: css('--border', '#2c3235') },
              },
              timeScale: { timeVisible: true },
              localization: { priceFormatter: (p: number) => priceText(decimalOf(p)) },
            });
            const up = css('--up', '#f2495c');
            const down = css('--down', '#5794f2');
            const series = chart.addSeries(lw.CandlestickSeries, {
              upColor: up,
              borderUpColor: up,
              wickUpColor: up,
              downColor: down,
              borderDownColor: down,
              wickDownColor: down,
            });
            series.setData(bars as never);
            const entry = props.entryPrice();
            if (entry)
              series.createPriceLine({
                price: entry.toNumber(),
                color: css('--text-weak', '#ccccdc'),
                lineStyle: lw.LineStyle.Dashed,
                title: t('chart.entry'),
              });
            const fills = events.filter((e) => e.type === 'OrderFilled');
            const closed = events.find((e) => e.type === 'PositionClosed');
            const markers = [
              ...(fills[0] ? [{ at: fills[0].at, text: t('chart.entry'), below: true }] : []),
              ...(closed ? [{ at: closed.at, text: t('chart.exit'), below: false }] : []),
            ]
              .filter((m) => !Number.isNaN(Date.parse(m.at)))
              .map((m) => ({
                time: (Math.floor(Date.parse(m.at) / 60_000) * 60 + zoneShift()) as never,
                position: m.below ? ('belowBar' as const) : ('aboveBar' as const),
                shape: m.below ? ('arrowUp' as const) : ('arrowDown' as const),
                color: css('--text', '#ffffff'),
                text: m.text,
              }));
            lw.createSeriesMarkers(series, markers);
            chart.timeScale().fitContent();
            // live trades on the last bar (its minute), a new bar when the minute turns
            let last = bars.at(-1);
            const stop = props.live.follow(`ticks/${market}`, (entries) => {
              for (const e of entries) {
                const tick = obj(e.data);
                const price = decimalOf(tick?.['price'])?.toNumber();
                const at = tick?.['tradeTimestamp'];
                if (price === undefined || typeof at !== 'number') continue;
                const minute = Math.floor(at / 60_000) * 60 + zoneShift();
                if (last && minute < last.time) continue;
                last =
                  last && last.time === minute
                    ? {
                        ...last,
                        high: Math.max(last.high, price),
                        low: Math.min(last.low, price),
                        close: price,
                      }
                    : { time: minute, open: price, high: price, low: price, close: price };
                series.update(last as never);
              }
            });
            dispose = () => {
              stop();
              chart.remove();
            };
            setState('ready');
          } catch {
            if (alive) setState('failed');
          }
        })();
        onCleanup(() => {
          alive = false;
          dispose();
        });
      },
    ),
  );
  return (
    <div class="price-chart" data-chart={props.market} data-chart-state={state()}>
      <h2>{t('chart.title', { market: props.market })}</h2>
      <Show when={state() === 'failed'}>
        <p class="sub">⚠ {t('chart.failed')}</p>
      </Show>
      <div ref={(el) => (box = el)} class="chart-box" />
      <p class="sub">{t('chart.attribution')}</p>
    </div>
  );
}
