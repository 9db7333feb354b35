import {
  createEffect,
  createMemo,
  createSignal,
  For,
  on,
  onCleanup,
  Show,
  type Accessor,
} from 'solid-js';
import {
  averagePriceText,
  clockText,
  decimalOf,
  krwChange,
  krwText,
  priceText,
  timeZone,
} from '../format.js';
import { t, tn } from '../i18n/i18n.js';
import { exitReasonText } from '../levels.js';
import type { Live } from '../live/live-store.js';
import { positionRow } from '../positions.js';
import {
  dayBounds,
  dayOf,
  fetchPositionEvents,
  fetchTimeline,
  KINDS,
  MAX_ITEMS,
  mergeEvents,
  mergeItems,
  positionEventOf,
  timelineItemOf,
  type PositionEventView,
  type TimelineItem,
} from '../timeline.js';

type Zoom = 'fit' | 'day' | '1h';
const TICKS = 6;
/** The day's timeline is read again this often while it is today (the channel adds the new). */
const REFRESH_MS = 15_000;

/**
 * The event timeline: the day's items (entries, exits, fills, errors, halts, risk moves and
 * operator commands) as markers on one lane per kind over a time axis, with zoom, new ones as they
 * are stored (the `timeline` channel: no reload, no wait for the next read); and, for the
 * selected position, its events with a replay scrubber showing the state after each (the
 * gateway's fold), following `position/<id>` live.
 */
export function Timeline(props: {
  live: Live;
  selected: Accessor<string | undefined>;
  onSelect: (positionId: string) => void;
}) {
  const [day, setDay] = createSignal(dayOf(new Date(), timeZone()));
  const [items, setItems] = createSignal<TimelineItem[]>([]);
  const [problem, setProblem] = createSignal<string>();
  const [zoom, setZoom] = createSignal<Zoom>('fit');
  /** The view's end in the `1h` zoom, as a fraction of the day (a range input pans it). */
  const [pan, setPan] = createSignal(1000);
  let generation = 0;
  /** Items heard on the `timeline` channel (by event id): kept over a read that began before. */
  const heard = new Map<string, TimelineItem>();
  const ofDay = (more: Iterable<TimelineItem>) => {
    const [from, to] = dayBounds(day(), timeZone());
    return [...more].filter((i) => i.ms >= from.getTime() && i.ms < to.getTime());
  };

  const load = async () => {
    const mine = ++generation;
    const [from, to] = dayBounds(day(), timeZone());
    try {
      const got = await fetchTimeline(from, to);
      if (mine !== generation) return;
      setItems(mergeItems(got, ofDay(heard.values())));
      setProblem(undefined);
    } catch (e) {
      if (mine === generation) setProblem(String(e));
    }
  };
  createEffect(on([day, timeZone], () => void load()));
  const unfollow = props.live.follow('timeline', (entries) => {
    const more = entries.flatMap((e) => {
      const item = timelineItemOf(e.data);
      return item === undefined ? [] : [item];
    });
    for (const item of more) heard.set(item.eventId, item);
    // only the newest are needed across a read: forget the oldest beyond a day's worth
    for (const id of heard.keys()) {
      if (heard.size <= MAX_ITEMS) break;
      heard.delete(id);
    }
    const shown = ofDay(more);
    if (shown.length > 0) setItems((all) => mergeItems(all, shown));
  });
  onCleanup(unfollow);
  const refresh = setInterval(() => {
    if (day() === dayOf(new Date(), timeZone())) void load();
  }, REFRESH_MS);
  onCleanup(() => clearInterval(refresh));

  /** The window shown, epoch ms. */
  const view = createMemo<[number, number]>(() => {
    const [from, to] = dayBounds(day(), timeZone());
    const z = zoom();
    if (z === 'day') return [from.getTime(), to.getTime()];
    if (z === '1h') {
      const end = from.getTime() + ((to.getTime() - from.getTime()) * pan()) / 1000;
      return [Math.max(from.getTime(), end - 3_600_000), Math.max(from.getTime() + 3_600_000, end)];
    }
    const all = items();
    if (all.length === 0) return [from.getTime(), to.getTime()];
    const first = all[0]!.ms;
    const last = all[all.length - 1]!.ms;
    const span = Math.max(last - first, 60_000);
    return [first - span * 0.05, first + span * 1.05];
  });
  const xOf = (ms: number) => {
    const [a, b] = view();
    return ((ms - a) / (b - a)) * 100;
  };
  const visible = createMemo(() => {
    const [a, b] = view();
    return items().filter((i) => i.ms >= a && i.ms <= b);
  });
  const ticks = createMemo(() => {
    const [a, b] = view();
    return Array.from({ length: TICKS + 1 }, (_, i) => a + ((b - a) * i) / TICKS);
  });

  return (
    <section class="panel timeline" aria-label={t('timeline.title')}>
      <h2>
        {t('timeline.title')} · {tn('timeline.count', items().length)}
      </h2>
      <div class="controls filters">
        <label>
          {t('timeline.day')}{' '}
          <input
            type="date"
            data-timeline-day
            value={day()}
            onChange={(e) => {
              if (/^\d{4}-\d{2}-\d{2}$/.test(e.currentTarget.value)) setDay(e.currentTarget.value);
            }}
          />
        </label>
        <label>
          {t('timeline.zoom')}{' '}
          <select
            data-timeline-zoom
            value={zoom()}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setZoom(v === 'day' || v === '1h' ? v : 'fit');
            }}
          >
            <option value="fit">{t('timeline.zoomFit')}</option>
            <option value="day">{t('timeline.zoomDay')}</option>
            <option value="1h">{t('timeline.zoomHour')}</option>
          </select>
        </label>
        <Show when={zoom() === '1h'}>
          <input
            type="range"
            min="0"
            max="1000"
            value={pan()}
            aria-label={t('timeline.pan')}
            data-timeline-pan
            onInput={(e) => setPan(Number(e.currentTarget.value))}
          />
        </Show>
        <button data-action="timeline-reload" onClick={() => void load()}>
          {t('timeline.reload')}
        </button>
      </div>
      <Show when={problem()}>
        <p class="form-errors" role="alert">
          ⚠ {problem()}
        </p>
      </Show>
      <div class="lanes">
        <For each={KINDS}>
          {(kind) => (
            <div class="lane" data-lane={kind}>
              <span class="lane-name">
                {kind === 'error' || kind === 'halt' ? '⚠ ' : ''}
                {t(`timeline.kinds.${kind}`)}
              </span>
              <div class="lane-track">
                <For each={visible().filter((i) => i.kind === kind)}>
                  {(item) => (
                    <button
                      class={`marker kind-${item.kind}`}
                      classList={{
                        chosen: item.positionId !== null && item.positionId === props.selected(),
                      }}
                      data-kind={item.kind}
                      data-type={item.type}
                      data-at={item.at}
                      data-marker-position={item.positionId ?? ''}
                      style={{ left: `${xOf(item.ms)}%` }}
                      title={`${clockText(item.at)} ${item.type}${item.market ? ` · ${item.market}` : ''}${item.by ? ` · ${item.by}` : ''}`}
                      aria-label={`${clockText(item.at)} ${item.type}`}
                      onClick={() => {
                        if (item.positionId !== null) props.onSelect(item.positionId);
                      }}
                    />
                  )}
                </For>
              </div>
            </div>
          )}
        </For>
        <div class="lane axis">
          <span class="lane-name">{timeZone() === 'UTC' ? 'UTC' : 'KST'}</span>
          <div class="lane-track">
            <For each={ticks()}>
              {(ms, i) => (
                <span
                  class="tick"
                  classList={{ last: i() === TICKS }}
                  style={{ left: `${xOf(ms)}%` }}
                >
                  {clockText(new Date(ms).toISOString()).slice(0, 8)}
                </span>
              )}
            </For>
          </div>
        </div>
      </div>
      <Show when={props.selected()}>
        {(id) => <PositionReplay live={props.live} positionId={id()} />}
      </Show>
    </section>
  );
}

/** One position's events with a scrubber: the state after event k, following its channel. */
function PositionReplay(props: { live: Live; positionId: string }) {
  const [events, setEvents] = createSignal<PositionEventView[]>([]);
  const [k, setK] = createSignal<number>();
  const [unknown, setUnknown] = createSignal(false);
  createEffect(
    on(
      () => props.positionId,
      (id) => {
        setEvents([]);
        setK(undefined);
        setUnknown(false);
        let alive = true;
        const stop = props.live.follow(`position/${id}`, (entries) =>
          setEvents((es) =>
            mergeEvents(
              es,
              entries.flatMap((e) => {
                const v = positionEventOf(e.data, Number(e.key));
                return v === undefined ? [] : [v];
              }),
            ),
          ),
        );
        fetchPositionEvents(id).then(
          (got) => {
            if (!alive) return;
            if (got === null) setUnknown(true);
            else setEvents((es) => mergeEvents(es, got));
          },
          () => alive && setUnknown(true),
        );
        onCleanup(() => {
          alive = false;
          stop();
        });
      },
    ),
  );
  /** The event shown: the one picked, else the newest (following live). */
  const index = () => Math.min(k() ?? events().length - 1, events().length - 1);
  const current = () => events()[index()];
  const row = () => positionRow(current()?.stateAfter);
  /**
   * The replay's peak is the stored one (`PeakPriceRaised`, persisted in steps for a trailing stop
   * only), not the ticks' peak the live row shows: without a trailing stop none is recorded.
   */
  const trailing = createMemo(() =>
    events().some((e) => {
      const r = positionRow(e.stateAfter);
      return r?.trailingStop !== undefined || r?.trailingArmsAt !== undefined;
    }),
  );
  return (
    <div class="replay" data-replay={props.positionId}>
      <h3>
        {t('timeline.replay')} · {props.positionId}
      </h3>
      <Show
        when={events().length > 0}
        fallback={<p class="sub">{unknown() ? t('timeline.noEvents') : t('logs.loading')}</p>}
      >
        <div class="controls">
          <input
            type="range"
            data-scrubber
            min="0"
            max={String(events().length - 1)}
            value={String(index())}
            aria-label={t('timeline.scrubber')}
            aria-valuetext={current()?.type ?? ''}
            onInput={(e) => {
              const v = Number(e.currentTarget.value);
              setK(v >= events().length - 1 ? undefined : v);
            }}
          />
          <span data-replay-step>
            {index() + 1} / {events().length}
          </span>
        </div>
        <dl class="replay-state">
          <dt>{t('timeline.event')}</dt>
          <dd data-replay="event">
            v{current()?.version} · {current()?.type} · {clockText(current()?.at)}
          </dd>
          <dt>{t('table.status')}</dt>
          <dd data-replay="status">
            {row() ? t(`status.${row()!.status}`) : '—'}
            {row()?.paused ? ` · ${t('table.paused')}` : ''}
          </dd>
          <dt>{t('detail.volume')}</dt>
          <dd data-replay="volume">{row()?.volume?.toString() ?? '—'}</dd>
          <dt>{t('table.entry')}</dt>
          <dd>{averagePriceText(row()?.entryPrice)}</dd>
          <dt>{t('table.last')}</dt>
          <dd>{priceText(row()?.lastPrice)}</dd>
          <dt>{t('timeline.peakRecorded')}</dt>
          <dd data-replay="peak">
            {trailing() ? priceText(row()?.peakPrice) : `— (${t('timeline.peakNotRecorded')})`}
          </dd>
          {/* as the panel: what is held at its entry price; once closed, what the entry cost */}
          <Show
            when={row()?.status === 'closed'}
            fallback={
              <>
                <dt>{t('table.principal')}</dt>
                <dd data-replay="principal">{krwText(row()?.principal)}</dd>
              </>
            }
          >
            <dt>{t('detail.principalAtEntry')}</dt>
            <dd data-replay="principal">{krwText(decimalOf(current()?.investedKrwAfter))}</dd>
          </Show>
          <dt>{t('table.pnl')}</dt>
          <dd class={krwChange(row()?.unrealized).className}>
            {krwChange(row()?.unrealized).text}
          </dd>
          <dt>{t('detail.realized')}</dt>
          <dd data-replay="realized" class={krwChange(row()?.realized).className}>
            {krwChange(row()?.realized).text}
          </dd>
          <Show when={row()?.exitReason}>
            <dt>{t('table.exitReason')}</dt>
            <dd>{exitReasonText(row()?.exitReason ?? null)}</dd>
          </Show>
        </dl>
      </Show>
    </div>
  );
}
