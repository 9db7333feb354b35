import { createSignal, For, Show } from 'solid-js';
import { newCommandId, sendRiskCommand, type RiskVerb } from '../commands.js';
import { validRate } from '../confirm-flow.js';
import { t } from '../i18n/i18n.js';
import type { Live } from '../live/live-store.js';
import type { Session } from '../session.js';
import { ConfirmForm, createConfirmation, ReceiptList } from './confirm-form.js';

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

/**
 * Trading controls (operators): halt / reduce / resume and arming the loss limit, each after a
 * confirmation that needs a reason (risk-guard refuses a blank one); one request per
 * confirmation, its receipt shown.
 */
export function RiskControls(props: { live: Live; session: Session }) {
  const [verb, setVerb] = createSignal<RiskVerb>();
  const confirmation = createConfirmation();
  const [sent, setSent] = createSignal<string[]>([]);
  const risk = () =>
    (
      props.live.state.channels['risk']?.['trading'] as
        { risk?: { state?: TradingState; lossLimit?: { armed?: boolean } | null } } | undefined
    )?.risk;
  const send = (v: RiskVerb, commandId: string, reason: string, rate: string) => {
    setSent((s) => [commandId, ...s].slice(0, 10));
    return sendRiskCommand(props.session, v, commandId, reason, rate);
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
                confirmation.busy() || !v.allowed(risk()?.state, risk()?.lossLimit?.armed === true)
              }
              onClick={() => {
                setVerb(v.verb);
                confirmation.open(newCommandId());
              }}
            >
              {t(`risk.${v.verb}`)}
            </button>
          )}
        </For>
      </div>
      <Show when={confirmation.busy() ? verb() : undefined}>
        {(v) => (
          <ConfirmForm
            confirmation={confirmation}
            name={v()}
            action={() => t(`commands.risk.${v()}`)}
            rules={{ reasonRequired: true, ...(v() === 'arm' ? { extraValid: validRate } : {}) }}
            {...(v() === 'arm'
              ? {
                  extra: {
                    name: 'rate-pct',
                    label: () => t('risk.ratePct'),
                    inputmode: 'decimal' as const,
                  },
                }
              : {})}
            onConfirm={(s) => send(v(), s.commandId, s.reason, s.extra)}
          />
        )}
      </Show>
      <ReceiptList live={props.live} ids={sent} />
    </section>
  );
}
