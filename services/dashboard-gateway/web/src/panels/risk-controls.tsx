import { createSignal, For, Show } from 'solid-js';
import { newCommandId, receiptOf, sendRiskCommand, type RiskVerb } from '../commands.js';
import { t } from '../i18n/i18n.js';
import type { Live } from '../live/live-store.js';
import type { Session } from '../session.js';

type TradingState = 'ACTIVE' | 'REDUCING' | 'HALTED';
const VERBS: readonly {
  verb: RiskVerb;
  allowed: (s: TradingState | undefined, armed: boolean) => boolean;
}[] = [
  { verb: 'halt', allowed: (s) => s !== 'HALTED' },
  { verb: 'reduce', allowed: (s) => s === 'ACTIVE' },
  { verb: 'resume', allowed: (s) => s !== undefined && s !== 'ACTIVE' },
  { verb: 'arm', allowed: () => true },
  { verb: 'disarm', allowed: (_s, armed) => armed },
];
const RATE = /^(100(\.0+)?|\d{1,2}(\.\d{1,4})?)$/;

/**
 * Trading controls (operators): halt / reduce / resume and arming the loss limit, each after a
 * confirmation that needs a reason (risk-guard refuses a blank one); one request per
 * confirmation, its receipt shown.
 */
export function RiskControls(props: { live: Live; session: Session }) {
  const [pending, setPending] = createSignal<{ verb: RiskVerb; commandId: string }>();
  const [reason, setReason] = createSignal('');
  const [rate, setRate] = createSignal('');
  const [sent, setSent] = createSignal<string[]>([]);
  const risk = () =>
    (
      props.live.state.channels['risk']?.['trading'] as
        { risk?: { state?: TradingState; lossLimit?: { armed?: boolean } | null } } | undefined
    )?.risk;
  const ready = () => {
    const p = pending();
    if (p === undefined || reason().trim() === '') return false;
    return p.verb !== 'arm' || (RATE.test(rate().trim()) && Number(rate()) > 0);
  };
  const confirm = () => {
    const p = pending();
    if (p === undefined || !ready()) return;
    setPending(undefined);
    setSent((s) => [p.commandId, ...s].slice(0, 10));
    void sendRiskCommand(props.session, p.verb, p.commandId, reason(), rate().trim());
  };
  return (
    <section class="panel detail" aria-label={t('risk.title')}>
      <h2>{t('risk.title')}</h2>
      <div class="controls">
        <For each={VERBS}>
          {(v) => (
            <button
              data-risk-verb={v.verb}
              class={v.verb === 'halt' ? 'danger' : ''}
              disabled={
                pending() !== undefined ||
                !v.allowed(risk()?.state, risk()?.lossLimit?.armed === true)
              }
              onClick={() => {
                setReason('');
                setRate('');
                setPending({ verb: v.verb, commandId: newCommandId() });
              }}
            >
              {t(`risk.${v.verb}`)}
            </button>
          )}
        </For>
      </div>
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
              {t('risk.reasonRequired')}{' '}
              <input
                name="risk-reason"
                value={reason()}
                onInput={(e) => setReason(e.currentTarget.value)}
                maxLength={500}
              />
            </label>
            <Show when={p().verb === 'arm'}>
              <label>
                {t('risk.ratePct')}{' '}
                <input
                  name="rate-pct"
                  inputmode="decimal"
                  value={rate()}
                  onInput={(e) => setRate(e.currentTarget.value)}
                />
              </label>
            </Show>
            <div class="controls">
              <button type="submit" class="primary" data-action="risk-confirm" disabled={!ready()}>
                {t('detail.confirm')}
              </button>
              <button type="button" data-action="risk-cancel" onClick={() => setPending(undefined)}>
                {t('detail.cancel')}
              </button>
            </div>
          </form>
        )}
      </Show>
      <ul class="receipts">
        <For
          each={sent()
            .map((id) => receiptOf(id, props.live.state.receipts))
            .filter((r) => r !== undefined)}
        >
          {(r) => (
            <li class={`receipt-${r.status}`} data-receipt={r.commandId} data-status={r.status}>
              {t(`commands.${r.command as 'risk.halt'}`)} — {t(`receipt.${r.status}`)}
              {r.error ? `: ${r.error}` : ''}
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
