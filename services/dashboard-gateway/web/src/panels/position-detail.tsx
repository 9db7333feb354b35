import { createResource, createSignal, For, Show } from 'solid-js';
import {
  localReceipts,
  newCommandId,
  sendPositionCommand,
  type PositionVerb,
  type Receipt,
} from '../commands.js';
import { averagePriceText, krwChange, krwText, percentChange, priceText } from '../format.js';
import { t } from '../i18n/i18n.js';
import type { Live } from '../live/live-store.js';
import { allowed, type PositionRow } from '../positions.js';
import { ConfirmForm, createConfirmation, ReceiptList } from './confirm-form.js';
import { ExitLevels } from './exit-levels.js';
import { PositionOrders } from './position-orders.js';
import { PriceChart } from './price-chart.js';
import type { Session } from '../session.js';
import { fetchPositionSummary } from '../position-summary.js';

const VERBS: readonly {
  verb: PositionVerb;
  label: () => string;
  can: keyof ReturnType<typeof allowed>;
}[] = [
  { verb: 'close', label: () => t('detail.close'), can: 'close' },
  { verb: 'pause', label: () => t('detail.pause'), can: 'pause' },
  { verb: 'resume', label: () => t('detail.resume'), can: 'resume' },
  { verb: 'retry-close', label: () => t('detail.retryClose'), can: 'retryClose' },
  { verb: 'dismiss', label: () => t('detail.dismiss'), can: 'dismiss' },
];

interface Pending {
  verb: PositionVerb;
  positionId: string;
  market: string;
}

/**
 * The selected position: its live figures and its controls, each enabled only where the machine
 * allows it. A control opens a {@link ConfirmForm} (a reason; closing asks for the market code
 * typed) with its command id made then: Confirm sends exactly one request.
 */
export function PositionDetail(props: {
  live: Live;
  session: Session;
  row: () => PositionRow | undefined;
  /** The position selected, also when the live view does not hold it (an old one). */
  selectedId?: () => string | undefined;
}) {
  const [pending, setPending] = createSignal<Pending>();
  const confirmation = createConfirmation();
  const [sent, setSent] = createSignal<string[]>([]);
  const operator = () => props.session.role === 'operator';
  // a closed position holds nothing: its principal at entry comes from the history
  const [summary] = createResource(
    () => {
      const r = props.row();
      return r?.status === 'closed' ? r.id : undefined;
    },
    (id) => fetchPositionSummary(id).catch(() => null),
  );

  const open = (verb: PositionVerb, row: PositionRow) => {
    setPending({ verb, positionId: row.id, market: row.market });
    confirmation.open(newCommandId());
  };
  const mine = (r: Receipt) => props.row() === undefined || r.positionId === props.row()?.id;
  const send = (p: Pending, commandId: string, reason: string) => {
    setSent((s) => [commandId, ...s.filter((id) => id !== commandId)].slice(0, 20));
    return sendPositionCommand(props.session, p.positionId, p.verb, commandId, reason);
  };

  return (
    <section class="panel detail" aria-label={t('detail.title')}>
      <h2>{t('detail.title')}</h2>
      <Show
        when={props.row()}
        fallback={
          <p class="sub" data-detail="not-live">
            {props.selectedId?.() !== undefined
              ? t('detail.notLive', { id: props.selectedId() ?? '' })
              : t('detail.pick')}
          </p>
        }
      >
        {(row) => (
          <>
            <div>
              <strong data-detail="market">{row().market}</strong>{' '}
              <span class={`badge ${row().status === 'error' ? 'error' : ''}`} data-detail="status">
                {t(`status.${row().status}`)}
              </span>{' '}
              <Show when={row().paused}>
                <span class="badge" data-detail="paused">
                  {t('table.paused')}
                </span>
              </Show>
            </div>
            <Show when={row().paused}>
              <p class="sub" data-detail="paused-note">
                {t('detail.pausedNote')}
              </p>
            </Show>
            <dl>
              <dt>{t('detail.id')}</dt>
              <dd>{row().id}</dd>
              <dt>{t('table.strategy')}</dt>
              <dd>{row().strategy}</dd>
              <dt>{t('detail.volume')}</dt>
              <dd>{row().volume?.toString() ?? '—'}</dd>
              <dt>{t('table.entry')}</dt>
              <dd>{averagePriceText(row().entryPrice)}</dd>
              <dt>{t('table.last')}</dt>
              <dd>{priceText(row().lastPrice)}</dd>
              <dt>{t('table.peak')}</dt>
              <dd>{priceText(row().peakPrice)}</dd>
              <Show
                when={row().status === 'closed'}
                fallback={
                  <>
                    <dt>{t('table.principal')}</dt>
                    <dd>{krwText(row().principal)}</dd>
                  </>
                }
              >
                <dt>{t('detail.principalAtEntry')}</dt>
                <dd data-detail="principal-at-entry">{krwText(summary()?.investedKrw)}</dd>
              </Show>
              <dt>{t('table.valuation')}</dt>
              <dd>{krwText(row().valuation)}</dd>
              <dt>{t('table.pnl')}</dt>
              <dd class={krwChange(row().unrealized).className}>
                {krwChange(row().unrealized).text} ({percentChange(row().unrealizedPct).text})
              </dd>
              <dt>{t('detail.realized')}</dt>
              <dd class={krwChange(row().realized).className}>{krwChange(row().realized).text}</dd>
              <Show when={row().failure}>
                <dt>{t('detail.failure')}</dt>
                <dd>⚠ {row().failure}</dd>
              </Show>
            </dl>
            <ExitLevels row={row} />
            <Show when={operator()}>
              <div class="controls">
                <For each={VERBS}>
                  {(v) => (
                    <button
                      data-verb={v.verb}
                      class={v.verb === 'close' ? 'danger' : ''}
                      disabled={!allowed(row())[v.can] || confirmation.busy()}
                      onClick={() => open(v.verb, row())}
                    >
                      {v.label()}
                    </button>
                  )}
                </For>
              </div>
            </Show>
            <Show when={confirmation.busy() ? pending() : undefined}>
              {(p) => (
                <ConfirmForm
                  confirmation={confirmation}
                  name={p().verb}
                  action={() => `${t(`commands.position.${p().verb}`)} · ${p().market}`}
                  rules={{
                    reasonRequired: false,
                    ...(p().verb === 'close' ? { typeToConfirm: p().market } : {}),
                  }}
                  onConfirm={(s) => send(p(), s.commandId, s.reason)}
                />
              )}
            </Show>
            <PriceChart live={props.live} positionId={row().id} market={row().market} row={row} />
            <PositionOrders live={props.live} positionId={row().id} />
          </>
        )}
      </Show>
      <Show when={sent().some((id) => localReceipts[id] !== undefined && mine(localReceipts[id]))}>
        <h2>{t('detail.receipts')}</h2>
        <ReceiptList live={props.live} ids={sent} show={mine} />
      </Show>
    </section>
  );
}
