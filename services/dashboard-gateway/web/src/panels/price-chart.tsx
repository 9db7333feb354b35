import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type {
  AutoscaleInfo,
  CandlestickData,
  IChartApi,
  IPriceLine,
  ISeriesApi,
  ISeriesMarkersPluginApi,
  SeriesMarker,
  Time,
  UTCTimestamp,
} from 'lightweight-charts';
import type * as LW from 'lightweight-charts';
import { averagePriceText, convention, decimalOf, timeText, timeZone } from '../format.js';
import { locale, t } from '../i18n/i18n.js';
import { trailingText } from '../levels.js';
import { LevelLabels, type LabelBox } from './level-labels.js';
import type { Live } from '../live/live-store.js';
import type { PositionRow } from '../positions.js';
import { fetchPositionEvents, positionEventOf, type PositionEventView } from '../timeline.js';

/** The module, loaded lazily (its type only here). */
type LightweightCharts = typeof LW;
type Obj = Record<string, unknown>;
const obj = (u: unknown): Obj | undefined =>
  typeof u === 'object' && u !== null ? (u as Obj) : undefined;
type LineKind = 'entry' | 'take-profit' | 'stop-loss' | 'trailing';
const LINE_KINDS: readonly LineKind[] = ['entry', 'take-profit', 'stop-loss', 'trailing'];

/**
 * Room right of the last bar, in pixels (whatever the zoom): its marker's label (entry / exit)
 * is drawn whole, and the level lines' names (level-labels.ts) sit there, clear of the candles.
 */
const RIGHT_ROOM = 64;
/** About the price scale's width (9-digit prices in won), for the room above. */
const PRICE_SCALE_PX = 100;
/** lightweight-charts draws times in UTC: shifted by the zone's offset, its axis shows KST. */
const zoneShift = (): number => (timeZone() === 'UTC' ? 0 : 9 * 3600);
const minuteOf = (ms: number) => (Math.floor(ms / 60_000) * 60 + zoneShift()) as UTCTimestamp;
const barOf = (u: unknown): CandlestickData<UTCTimestamp> | undefined => {
  const c = obj(u);
  const at = typeof c?.['openTime'] === 'string' ? Date.parse(c['openTime']) : NaN;
  const [o, h, l, cl] = ['open', 'high', 'low', 'close'].map((k) => decimalOf(c?.[k]));
  if (Number.isNaN(at) || !o || !h || !l || !cl) return undefined;
  return {
    time: (at / 1000 + zoneShift()) as UTCTimestamp,
    open: o.toNumber(),
    high: h.toNumber(),
    low: l.toNumber(),
    close: cl.toNumber(),
  };
};

/** One trade of the position (`EntryFilled` / `ExitFilled`): a fill of an entry or exit leg. */
interface Fill {
  readonly version: number;
  readonly at: string;
  readonly price: string;
  readonly leg: 'entry' | 'exit';
}
const FILL_LEGS: Readonly<Record<string, 'entry' | 'exit'>> = {
  EntryFilled: 'entry',
  ExitFilled: 'exit',
};
const fillOf = (e: PositionEventView): Fill | undefined => {
  const leg = FILL_LEGS[e.type];
  const d = obj(e.data);
  const price = decimalOf(d?.['price']);
  const at = typeof d?.['at'] === 'string' ? d['at'] : e.at;
  if (leg === undefined || !price || Number.isNaN(Date.parse(at))) return undefined;
  return { version: e.version, at, price: price.toString(), leg };
};

/** The theme's colours, and up / down under the chosen convention (Korean: red up, blue down). */
function palette() {
  const styles = getComputedStyle(document.documentElement);
  const css = (name: string, fallback: string) => styles.getPropertyValue(name).trim() || fallback;
  const red = css('--red', '#f2495c');
  const western = convention() === 'western';
  return {
    up: western ? css('--green', '#73bf69') : red,
    down: western ? red : css('--blue', '#5794f2'),
    trailing: css('--warning', '#ff9900'),
    weak: css('--text-weak', '#ccccdc'),
    panel: css('--panel', '#181b1f'),
    border: css('--border', '#2c3235'),
  };
}

interface Drawn {
  readonly lw: LightweightCharts;
  readonly chart: IChartApi;
  readonly series: ISeriesApi<'Candlestick'>;
  readonly markers: ISeriesMarkersPluginApi<Time>;
  readonly lines: Map<LineKind, IPriceLine>;
  readonly labels: LevelLabels;
}

/** A level line of the legend: what, the exact price, and a note (TP suspended while paused). */
interface Level {
  readonly kind: LineKind;
  readonly price: string;
  readonly note?: string;
}

/**
 * The price chart of the position's market (lightweight-charts, loaded on first use): 1-minute
 * candles from `GET /api/markets/:market/candles`, the live `ticks/<market>` on the last bar; the
 * entry price and the exit levels as lines (take-profit, stop-loss, the trailing stop moving with
 * the peak; a paused position keeps them, take-profit marked suspended); a marker per fill of the
 * entry and exit legs, from the position's events and `position/<id>`. Candles and markers follow
 * the colour switch. The drawn figures are for the eye; the legend under it has the exact ones.
 * The lines' names are drawn apart from each other in the room right of the last bar, never on the
 * price scale (level-labels.ts). For tests and tools, the chart's own state is mirrored in
 * `data-chart-lines`, `data-chart-markers`, `data-chart-colours` and `data-chart-labels`.
 */
export function PriceChart(props: {
  live: Live;
  positionId: string;
  market: string;
  row: () => PositionRow | undefined;
}) {
  let box: HTMLDivElement | undefined;
  const [state, setState] = createSignal<'loading' | 'ready' | 'failed'>('loading');
  const [drawn, setDrawn] = createSignal<Drawn>();
  const [fills, setFills] = createSignal<readonly Fill[]>([]);
  const [mirror, setMirror] = createSignal({ lines: '', markers: '', colours: '' });
  /** The level names' boxes as drawn (`kind:x,y,width,height`), mirrored for tests. */
  const [labelBoxes, setLabelBoxes] = createSignal('');
  const boxesText = (boxes: readonly LabelBox[]) =>
    boxes
      .map((b) => `${b.kind}:${[b.x, b.y, b.width, b.height].map((n) => n.toFixed(1)).join(',')}`)
      .join(' ');
  /** The prices of the lines drawn now (read by the price scale's autoscale). */
  const shownLines = new Map<LineKind, number>();
  const addFills = (more: readonly Fill[]) => {
    const byVersion = new Map(fills().map((f) => [f.version, f]));
    for (const f of more) byVersion.set(f.version, f);
    setFills([...byVersion.values()].sort((a, b) => a.version - b.version));
  };

  const levels = (): readonly Level[] => {
    const r = props.row();
    if (r === undefined) return [];
    const shown: Level[] = [];
    const add = (kind: LineKind, d: { toString(): string } | undefined, note?: string) => {
      if (d !== undefined) shown.push({ kind, price: d.toString(), ...(note ? { note } : {}) });
    };
    add('entry', r.entryPrice);
    if (r.status === 'active' || r.status === 'closing') {
      add('take-profit', r.takeProfit, r.paused ? t('levels.suspended') : undefined);
      add('stop-loss', r.stopLoss);
      add('trailing', r.trailingStop);
    }
    return shown;
  };
  const title = (kind: LineKind) =>
    kind === 'entry'
      ? t('chart.entry')
      : kind === 'take-profit'
        ? t('levels.tp')
        : kind === 'stop-loss'
          ? t('levels.sl')
          : t('levels.trailing');

  createEffect(
    on(
      () => [props.positionId, props.market, timeZone()] as const,
      ([positionId, market]) => {
        let alive = true;
        let dispose = () => undefined as void;
        setState('loading');
        setDrawn(undefined);
        setFills([]);
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
            const c = palette();
            // the last hour (60 one-minute bars) in view with RIGHT_ROOM px empty right of the
            // last bar (an option: kept as bars come and the panel resizes); scroll or zoom
            const shown = Math.max(1, Math.min(60, bars.length));
            const plot = Math.max(RIGHT_ROOM * 2, box.clientWidth - PRICE_SCALE_PX);
            const chart = lw.createChart(box, {
              height: 220,
              autoSize: true,
              layout: {
                background: { color: c.panel },
                textColor: c.weak,
                attributionLogo: true,
              },
              grid: { vertLines: { color: c.border }, horzLines: { color: c.border } },
              // room above and below the candles: a marker's label clears the panel's edges
              timeScale: {
                timeVisible: true,
                rightOffsetPixels: RIGHT_ROOM,
                barSpacing: (plot - RIGHT_ROOM) / shown,
              },
              rightPriceScale: { scaleMargins: { top: 0.18, bottom: 0.12 } },
              localization: { priceFormatter: (p: number) => averagePriceText(decimalOf(p)) },
            });
            // the price scale takes the level lines in, so a stop below the candles stays in view
            const series = chart.addSeries(lw.CandlestickSeries, {
              autoscaleInfoProvider: (original: () => AutoscaleInfo | null) => {
                const info = original();
                const prices = [...shownLines.values()];
                if (info?.priceRange == null || prices.length === 0) return info;
                const { minValue, maxValue } = info.priceRange;
                return {
                  ...info,
                  priceRange: {
                    minValue: Math.min(minValue, ...prices),
                    maxValue: Math.max(maxValue, ...prices),
                  },
                };
              },
            });
            series.setData(bars);
            // the lines' names: drawn by the page, not on the price scale (level-labels.ts)
            const labels = new LevelLabels(
              { font: chart.options().layout.fontFamily, background: c.panel },
              (boxes) => setLabelBoxes(boxesText(boxes)),
            );
            series.attachPrimitive(labels);
            const markers = lw.createSeriesMarkers(series, []);
            addFills(events.flatMap((e) => fillOf(e) ?? []));
            // live trades on the last bar (its minute), a new bar when the minute turns
            let last = bars.at(-1);
            const stopTicks = props.live.follow(`ticks/${market}`, (entries) => {
              for (const e of entries) {
                const tick = obj(e.data);
                const price = decimalOf(tick?.['price'])?.toNumber();
                const at = tick?.['tradeTimestamp'];
                if (price === undefined || typeof at !== 'number') continue;
                const minute = minuteOf(at);
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
                series.update(last);
              }
            });
            // the position's new fills (entries may repeat after a reconnect: kept by version)
            const stopEvents = props.live.follow(`position/${positionId}`, (entries) =>
              addFills(
                entries.flatMap((e) => {
                  const ev = positionEventOf(e.data, Number(e.key));
                  return (ev && fillOf(ev)) ?? [];
                }),
              ),
            );
            dispose = () => {
              stopTicks();
              stopEvents();
              chart.remove();
            };
            setDrawn({ lw, chart, series, markers, lines: new Map(), labels });
            setState('ready');
          } catch {
            if (alive) setState('failed');
          }
        })();
        onCleanup(() => {
          alive = false;
          setDrawn(undefined);
          dispose();
        });
      },
    ),
  );

  // the price axis in the page's language (the formatter reads it; the axis is redrawn)
  createEffect(() => {
    const d = drawn();
    locale();
    d?.chart.applyOptions({
      localization: { priceFormatter: (p: number) => averagePriceText(decimalOf(p)) },
    });
  });

  // colours, lines and markers follow the switch, the levels (the trailing stop moves with the
  // peak) and the fills without redrawing the chart
  createEffect(() => {
    const d = drawn();
    if (d === undefined) return;
    const c = palette();
    d.series.applyOptions({
      upColor: c.up,
      borderUpColor: c.up,
      wickUpColor: c.up,
      downColor: c.down,
      borderDownColor: c.down,
      wickDownColor: c.down,
    });
    const colour = {
      entry: c.weak,
      'take-profit': c.up,
      'stop-loss': c.down,
      trailing: c.trailing,
    };
    const wanted = new Map(levels().map((l) => [l.kind, l]));
    for (const kind of LINE_KINDS) {
      const level = wanted.get(kind);
      const line = d.lines.get(kind);
      if (level === undefined) {
        if (line) d.series.removePriceLine(line);
        d.lines.delete(kind);
        shownLines.delete(kind);
        continue;
      }
      shownLines.set(kind, Number(level.price));
      const options = {
        price: Number(level.price),
        color: colour[kind],
        lineStyle:
          kind === 'entry' || level.note !== undefined
            ? d.lw.LineStyle.Dashed
            : d.lw.LineStyle.Solid,
        lineWidth: 1 as const,
        // no label on the price scale (it covered the scale's prices) and no title there: the
        // names are drawn apart by LevelLabels, the exact prices are in the legend
        axisLabelVisible: false,
        title: '',
      };
      if (line) line.applyOptions(options);
      else d.lines.set(kind, d.series.createPriceLine(options));
    }
    const marks: SeriesMarker<Time>[] = fills()
      .map((f) => ({
        time: minuteOf(Date.parse(f.at)),
        position: f.leg === 'entry' ? ('atPriceBottom' as const) : ('atPriceTop' as const),
        price: Number(f.price),
        shape: f.leg === 'entry' ? ('arrowUp' as const) : ('arrowDown' as const),
        color: f.leg === 'entry' ? c.up : c.down,
        text: t(`orders.legs.${f.leg}`),
        id: `${f.leg}-${String(f.version)}`,
      }))
      .sort((a, b) => a.time - b.time);
    d.labels.set(
      levels().map((l) => ({
        kind: l.kind,
        text: title(l.kind),
        price: Number(l.price),
        colour: colour[l.kind],
      })),
    );
    d.markers.setMarkers(marks);
    const seriesOptions = d.series.options();
    setMirror({
      lines: [...d.lines].map(([kind, l]) => `${kind}=${String(l.options().price)}`).join(' '),
      markers: d.markers
        .markers()
        .map((m) => `${String(m.id)}@${String('price' in m ? m.price : '')}:${m.color ?? ''}`)
        .join(' '),
      colours: `${seriesOptions.upColor} ${seriesOptions.downColor}`,
    });
  });

  return (
    <div
      class="price-chart"
      data-chart={props.market}
      data-chart-state={state()}
      data-chart-lines={mirror().lines}
      data-chart-markers={mirror().markers}
      data-chart-colours={mirror().colours}
      data-chart-labels={labelBoxes()}
    >
      <h2>{t('chart.title', { market: props.market })}</h2>
      <Show when={state() === 'failed'}>
        <p class="sub">⚠ {t('chart.failed')}</p>
      </Show>
      <div ref={(el) => (box = el)} class="chart-box" />
      <ul class="chart-legend">
        <For each={levels()}>
          {(l) => (
            <li data-line={l.kind} class={`line-${l.kind}`}>
              {title(l.kind)} {averagePriceText(decimalOf(l.price))}
              {l.note ? ` (${l.note})` : ''}
            </li>
          )}
        </For>
        <Show when={props.row()?.trailingStop === undefined && props.row()?.trailingArmsAt}>
          <li data-line="trailing-arms">
            {t('levels.trailing')} {trailingText(props.row()!)}
          </li>
        </Show>
        <Show when={props.row()?.timeLimitAt}>
          {(at) => (
            <li data-line="time-limit">
              {t('levels.timeLimit')} {timeText(at())}
            </li>
          )}
        </Show>
      </ul>
      <p class="sub">{t('chart.attribution')}</p>
    </div>
  );
}
