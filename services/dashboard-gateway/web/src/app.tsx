import { createSignal, Show } from 'solid-js';
import { ageText, convention, setConvention, setTimeZone, timeZone } from './format.js';
import { locale, setLocale, t } from './i18n/i18n.js';
import type { Live } from './live/live-store.js';
import { LogViewer } from './panels/log-viewer.js';
import { PositionDetail } from './panels/position-detail.js';
import { PositionsTable } from './panels/positions-table.js';
import { RiskControls } from './panels/risk-controls.js';
import { RunStrategy } from './panels/run-strategy.js';
import { Timeline } from './panels/timeline.js';
import { Summary } from './panels/summary.js';
import type { Session } from './session.js';

/** The dashboard: top bar, connection banner, account summary, positions and the detail panel. */
export function App(props: { live: Live; session: Session }) {
  // the live's positions book: one store per position (a state updates its own row's cells), a
  // row list that changes only when positions come or go or change status (and a once-a-second
  // tick of new figures, for a sorted table)
  const rows = props.live.positions.rows;
  const [selected, setSelected] = createSignal<string>();
  const selectedRow = () => props.live.positions.row(selected());
  const stale = () => props.live.connection() !== 'open';
  const trading = () =>
    (
      props.live.state.channels['risk']?.['trading'] as
        | {
            risk?: {
              state?: string;
              reason?: string;
              evaluation?: { breached?: boolean } | null;
            };
          }
        | undefined
    )?.risk;
  const breached = () => trading()?.evaluation?.breached === true;
  return (
    <>
      <header class="topbar">
        <span class="brand">{t('app.title')}</span>
        <span class="sub">{props.session.user}</span>
        <span class="spacer" />
        <label>
          {t('app.colours')}{' '}
          <select
            data-control="colours"
            value={convention()}
            onChange={(e) =>
              setConvention(e.currentTarget.value === 'western' ? 'western' : 'korean')
            }
          >
            <option value="korean">{t('app.korean')}</option>
            <option value="western">{t('app.western')}</option>
          </select>
        </label>
        <label>
          {t('app.timeZone')}{' '}
          <select
            data-control="time-zone"
            value={timeZone()}
            onChange={(e) => setTimeZone(e.currentTarget.value === 'UTC' ? 'UTC' : 'Asia/Seoul')}
          >
            <option value="Asia/Seoul">KST</option>
            <option value="UTC">UTC</option>
          </select>
        </label>
        <label>
          {t('app.language')}{' '}
          <select
            data-control="language"
            value={locale()}
            onChange={(e) => setLocale(e.currentTarget.value === 'en' ? 'en' : 'ko')}
          >
            <option value="ko">한국어</option>
            <option value="en">English</option>
          </select>
        </label>
      </header>
      <Show when={props.live.connection() === 'reconnecting'}>
        <div class="banner" role="alert" data-banner="reconnecting">
          ⚠ {t('live.reconnecting', { age: ageText(props.live.staleMs()) })}
        </div>
      </Show>
      <Show when={props.live.connection() === 'connecting'}>
        <div class="banner" role="status" data-banner="connecting">
          {t('live.connecting')}
        </div>
      </Show>
      <Show when={trading()?.state === 'HALTED' || breached()}>
        <div class="banner breach" role="alert" data-banner="halted">
          ⚠ {breached() ? t('risk.breached') : t('state.HALTED')} — {trading()?.reason ?? ''}
        </div>
      </Show>
      <main classList={{ stale: stale() }} data-stale={stale() ? 'true' : 'false'}>
        <Summary live={props.live} />
        <div class="layout">
          <PositionsTable
            rows={rows}
            figures={props.live.positions.figures}
            onView={(ids) => props.live.positions.view(ids)}
            onSorted={(on) => props.live.positions.setEager(on)}
            selected={selected}
            onSelect={setSelected}
          />
          <div class="side">
            <Show when={props.session.role === 'operator'}>
              <RiskControls live={props.live} session={props.session} />
            </Show>
            <PositionDetail
              live={props.live}
              session={props.session}
              row={selectedRow}
              selectedId={selected}
            />
            <Show when={props.session.role === 'operator'}>
              <RunStrategy live={props.live} session={props.session} onOpened={setSelected} />
            </Show>
          </div>
        </div>
        <Timeline live={props.live} selected={selected} onSelect={setSelected} />
        <LogViewer live={props.live} onSelect={setSelected} />
      </main>
    </>
  );
}
