import { createVirtualizer } from '@tanstack/solid-virtual';
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { clockText } from '../format.js';
import { t } from '../i18n/i18n.js';
import type { Live } from '../live/live-store.js';
import {
  fetchLogs,
  LEVELS,
  logLineOf,
  mergeLines,
  passes,
  positionOf,
  SERVICES,
  type Level,
  type LogFilter,
  type LogLine,
} from '../logs.js';

const ROW_HEIGHT = 22;
/** Lines kept in memory (history pages and live lines); the DOM holds only the visible ones. */
export const MAX_LINES = 10_000;
const PAGE = 500;

/**
 * The system log: history (newest first, older pages on demand) and the live tail of every
 * service's `logs/<service>` channel, filtered by level, service and text. Scrolling away from
 * the newest line pauses the tail (new lines are held and counted) until the top is reached again.
 * Rows are virtualised; a line naming a position selects it.
 */
export function LogViewer(props: { live: Live; onSelect: (positionId: string) => void }) {
  const [level, setLevel] = createSignal<Level | ''>('');
  const [service, setService] = createSignal('');
  const [text, setText] = createSignal('');
  const filter = createMemo<LogFilter>(() => ({
    level: level(),
    service: service(),
    text: text().trim(),
  }));
  const [lines, setLines] = createSignal<LogLine[]>([]);
  const [held, setHeld] = createSignal<LogLine[]>([]);
  const [paused, setPaused] = createSignal(false);
  const [next, setNext] = createSignal<number | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  /** Which filter the lines on screen belong to (a late page of an older filter is dropped). */
  let generation = 0;

  const services = createMemo(() => {
    const health = props.live.state.channels['risk']?.['health'] as
      { services?: { service?: unknown }[] } | undefined;
    const named = (health?.services ?? []).flatMap((s) =>
      typeof s.service === 'string' ? [s.service] : [],
    );
    return [...new Set<string>([...SERVICES, ...named])].sort();
  });

  const addLive = (incoming: readonly LogLine[]) => {
    const f = filter();
    const kept = incoming.filter((l) => passes(l, f));
    if (kept.length === 0) return;
    if (paused()) setHeld((h) => mergeLines(h, kept, MAX_LINES));
    else setLines((ls) => mergeLines(ls, kept, MAX_LINES));
  };

  // the live tail: one channel per service (only the chosen one when filtered)
  createEffect(
    on(
      // a string, so that a new health report naming the same services changes nothing
      createMemo(() => (service() === '' ? services() : [service()]).join(' ')),
      (names) => {
        const followed = names === '' ? [] : names.split(' ');
        const stops = followed.map((s) =>
          props.live.follow(`logs/${s}`, (entries) =>
            addLive(
              entries.flatMap((e) => {
                const line = logLineOf(e.data, e.key, s);
                return line === undefined ? [] : [line];
              }),
            ),
          ),
        );
        onCleanup(() => stops.forEach((stop) => stop()));
      },
    ),
  );

  const loadOlder = async (reset: boolean) => {
    const mine = reset ? ++generation : generation;
    setLoading(true);
    setProblem(undefined);
    try {
      const page = await fetchLogs(filter(), reset ? null : next(), PAGE);
      if (mine !== generation) return;
      setLines((ls) =>
        mergeLines(reset ? ls.filter((l) => passes(l, filter())) : ls, page.lines, MAX_LINES),
      );
      setNext(page.next);
    } catch (e) {
      if (mine === generation) setProblem(String(e));
    } finally {
      if (mine === generation) setLoading(false);
    }
  };
  // a new filter: the history again from the newest line
  createEffect(
    on(filter, () => {
      setLines([]);
      setHeld([]);
      setNext(null);
      void loadOlder(true);
    }),
  );

  let scroller: HTMLDivElement | undefined;
  const virtualizer = createVirtualizer({
    get count() {
      return lines().length;
    },
    getScrollElement: () => scroller ?? null,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  /** The lines in view (and the overscan), and where the first one sits. */
  const shown = createMemo(() => {
    const all = lines();
    return virtualizer.getVirtualItems().flatMap((item) => {
      const line = all[item.index];
      return line === undefined ? [] : [line];
    });
  });
  const shownFrom = () => virtualizer.getVirtualItems()[0]?.start ?? 0;
  const resume = () => {
    setPaused(false);
    setLines((ls) => mergeLines(ls, held(), MAX_LINES));
    setHeld([]);
    if (scroller !== undefined) scroller.scrollTop = 0;
  };
  const onScroll = () => {
    const away = (scroller?.scrollTop ?? 0) > ROW_HEIGHT / 2;
    if (away && !paused()) setPaused(true);
    else if (!away && paused()) resume();
  };

  return (
    <section class="panel log-viewer" aria-label={t('logs.title')}>
      <h2>
        {t('logs.title')} · {t('logs.count', { n: lines().length.toLocaleString('en-US') })}
      </h2>
      <div class="controls filters">
        <label>
          {t('logs.level')}{' '}
          <select
            data-log-filter="level"
            value={level()}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setLevel(LEVELS.includes(v as Level) ? (v as Level) : '');
            }}
          >
            <option value="">{t('logs.all')}</option>
            <For each={LEVELS}>{(l) => <option value={l}>{t(`logs.levels.${l}`)}+</option>}</For>
          </select>
        </label>
        <label>
          {t('logs.service')}{' '}
          <select
            data-log-filter="service"
            value={service()}
            onChange={(e) => setService(e.currentTarget.value)}
          >
            <option value="">{t('logs.all')}</option>
            <For each={services()}>{(s) => <option value={s}>{s}</option>}</For>
          </select>
        </label>
        <form
          class="search"
          onSubmit={(e) => {
            e.preventDefault();
            const input = e.currentTarget.elements.namedItem('log-text');
            if (input instanceof HTMLInputElement) setText(input.value);
          }}
        >
          <input
            name="log-text"
            type="search"
            maxLength={200}
            placeholder={t('logs.search')}
            aria-label={t('logs.search')}
          />
        </form>
        <span class="spacer" />
        <Show
          when={paused()}
          fallback={
            <span class="live-mark" data-log-state="live">
              ● {t('logs.live')}
            </span>
          }
        >
          <button data-log-state="paused" onClick={resume}>
            {t('logs.paused', { n: String(held().length) })}
          </button>
        </Show>
      </div>
      <Show when={problem()}>
        <p class="form-errors" role="alert">
          ⚠ {problem()}
        </p>
      </Show>
      <div class="log-scroll" ref={(el) => (scroller = el)} onScroll={onScroll} role="log">
        <div class="virtual-rows" style={{ height: `${virtualizer.getTotalSize()}px` }}>
          {/* rows keyed by line, in flow below the first one's offset: a new line adds one node
              and drops one, the others keep their nodes and texts */}
          <div class="log-rows" style={{ transform: `translateY(${String(shownFrom())}px)` }}>
            <For each={shown()}>
              {(l) => (
                <div class={`log-row level-${l.level}`} data-log-id={l.id} data-level={l.level}>
                  <span class="log-time">{clockText(l.time)}</span>
                  <Show
                    when={l.skipped === undefined}
                    fallback={
                      <span class="log-msg skipped">
                        ⋯ {l.service}: {t('logs.skipped', { n: String(l.skipped ?? 0) })}
                      </span>
                    }
                  >
                    <span class="log-level">
                      {l.level === 'error' || l.level === 'fatal' ? '⚠ ' : ''}
                      {t(`logs.levels.${l.level}`)}
                    </span>
                    <span class="log-service">{l.service}</span>
                    <span class="log-msg" title={l.message}>
                      <Show when={positionOf(l)}>
                        {(id) => (
                          <button
                            class="link"
                            data-log-position={id()}
                            onClick={() => props.onSelect(id())}
                          >
                            {id()}
                          </button>
                        )}
                      </Show>{' '}
                      {l.message}
                    </span>
                  </Show>
                </div>
              )}
            </For>
          </div>
        </div>
      </div>
      <div class="controls">
        <button
          data-action="logs-older"
          disabled={loading() || next() === null}
          onClick={() => void loadOlder(false)}
        >
          {loading() ? t('logs.loading') : next() === null ? t('logs.end') : t('logs.older')}
        </button>
      </div>
    </section>
  );
}
