import { createSignal, For, Show } from 'solid-js';
import {
  localReceipts,
  newCommandId,
  receiptOf,
  sendPositionCommand,
  type PositionVerb,
} from '../commands.js';
import { averagePriceText, krwChange, krwText, percentChange, priceText } from '../format.js';
import { t } from '../i18n/i18n.js';
import type { Live } from '../live/live-store.js';
import { allowed, type PositionRow } from '../positions.js';
import { ExitLevels } from './exit-levels.js';
import { PositionOrders } from './position-orders.js';
import { PriceChart } from './price-chart.js';
import type { Session } from '../session.js';

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
  commandId: string;
  positionId: string;
  market: string;
}

/**
 * The selected position: its live figures and its controls, each enabled only where the machine
 * allows it. A control opens a confirmation (a reason; closing asks for the market code typed)
 * with its command id made then: Confirm sends exactly one request, however often it is clicked.
 */
export function PositionDetail(props: {
  live: Live;
  session: Session;
  row: () => PositionRow | undefined;
  /** The position selected, also when the live view does not hold it (an old one). */
  selectedId?: () => string | undefined;
}) {
  const [pending, setPending] = createSignal<Pending>();
  const [reason, setReason] = createSignal('');
  const [typed, setTyped] = createSignal('');
  const [sent, setSent] = createSignal<string[]>([]);
  const operator = () => props.session.role === 'operator';

  const open = (verb: PositionVerb, row: PositionRow) => {
    setReason('');
    setTyped('');
    setPending({ verb, commandId: newCommandId(), positionId: row.id, market: row.market });
  };
  const confirm = () => {
    const p = pending();
    if (p === undefined) return;
    if (p.verb === 'close' && typed().trim() !== p.market) return;
    setPending(undefined);
    setSent((s) => [p.commandId, ...s.filter((id) => id !== p.commandId)].slice(0, 20));
    void sendPositionCommand(props.session, p.positionId, p.verb, p.commandId, reason());
  };
  const receipts = () =>
    sent()
      .map((id) => receiptOf(id, props.live.state.receipts))
      .filter(
        (r) => r !== undefined && (r.positionId === props.row()?.id || props.row() === undefined),
      );

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
              <dt>{t('table.principal')}</dt>
              <dd>{krwText(row().principal)}</dd>
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
                      disabled={!allowed(row())[v.can] || pending() !== undefined}
                      onClick={() => open(v.verb, row())}
                    >
                      {v.label()}
                    </button>
                  )}
                </For>
              </div>
            </Show>
            <Show when={pending()}>
              {(p) => (
                <form
                  class="confirm"
                  data-confirm={p().verb}
                  onSubmit={(e) => {
                    e.preventDefault();
                    confirm();
                  }}
                >
                  <label>
                    {t('detail.reason')}{' '}
                    <input
                      name="reason"
                      value={reason()}
                      onInput={(e) => setReason(e.currentTarget.value)}
                      maxLength={500}
                    />
                  </label>
                  <Show when={p().verb === 'close'}>
                    <label>
                      {t('detail.typeMarket', { market: p().market })}{' '}
                      <input
                        name="market"
                        value={typed()}
                        onInput={(e) => setTyped(e.currentTarget.value)}
                        autocomplete="off"
                      />
                    </label>
                  </Show>
                  <div class="controls">
                    <button
                      type="submit"
                      class="primary"
                      data-action="confirm"
                      disabled={p().verb === 'close' && typed().trim() !== p().market}
                    >
                      {t('detail.confirm')}
                    </button>
                    <button
                      type="button"
                      data-action="cancel"
                      onClick={() => setPending(undefined)}
                    >
                      {t('detail.cancel')}
                    </button>
                  </div>
                </form>
              )}
            </Show>
            <PriceChart live={props.live} positionId={row().id} market={row().market} row={row} />
            <PositionOrders live={props.live} positionId={row().id} />
          </>
        )}
      </Show>
      <Show when={receipts().length > 0}>
        <h2>{t('detail.receipts')}</h2>
        <ul class="receipts">
          <For each={receipts()}>
            {(r) => (
              <li
                class={`receipt-${r!.status}`}
                data-receipt={r!.commandId}
                data-status={r!.status}
              >
                {t(`commands.${r!.command as 'position.close'}`)} — {t(`receipt.${r!.status}`)}
                {r!.error ? `: ${r!.error}` : ''}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <span hidden>{Object.keys(localReceipts).length}</span>
    </section>
  );
}
