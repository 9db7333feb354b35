import { createSignal, For, onCleanup, onMount, Show, type JSX } from 'solid-js';
import { receiptOf, type Receipt } from '../commands.js';
import {
  cancelled,
  closed,
  confirmed,
  opened,
  problemsOf,
  settled,
  type ConfirmRules,
  type ConfirmState,
  type Send,
} from '../confirm-flow.js';
import { say, t } from '../i18n/i18n.js';
import type { Live } from '../live/live-store.js';

/** A further field of a confirmation (the loss limit's rate; `rules.extraValid` checks it). */
export interface ExtraField {
  readonly name: string;
  readonly label: () => string;
  readonly inputmode?: 'decimal' | 'text';
}

/**
 * One confirmation flow for a panel: `open(commandId)` on a click shows the {@link ConfirmForm}
 * for that command id; the form lets exactly one send out; the panel's buttons read `busy()`.
 */
export function createConfirmation() {
  const [state, setState] = createSignal<ConfirmState>(closed);
  return {
    state,
    busy: () => state().phase !== 'closed',
    open: (commandId: string) => setState((s) => opened(s, commandId)),
    set: setState,
  };
}
export type Confirmation = ReturnType<typeof createConfirmation>;

const FOCUSABLE = 'input:not([disabled]), textarea:not([disabled]), button:not([disabled])';

/**
 * The confirmation of one command, as a modal dialog: a reason (required or not), optionally the
 * market code typed and a further field; Confirm (or Enter) only when valid, and then exactly one
 * call of `onConfirm` however often it is pressed — the dialog stays, "sending", until that call
 * settles. Focus moves into it when it opens and stays there (Tab wraps); Escape or Cancel closes
 * it, and focus returns to the control that opened it.
 */
export function ConfirmForm(props: {
  confirmation: Confirmation;
  /** `data-confirm` of the dialog (`close`, `halt`, `run`). */
  name: string;
  /** The action in words (`commands.position.close`). */
  action: () => string;
  rules: ConfirmRules;
  extra?: ExtraField;
  /** Shown above the fields (what is being run). */
  children?: JSX.Element;
  onConfirm: (send: Send) => Promise<unknown>;
}) {
  const [reason, setReason] = createSignal('');
  const [typed, setTyped] = createSignal('');
  const [extra, setExtra] = createSignal('');
  const input = () => ({ reason: reason(), typed: typed(), extra: extra() });
  const problems = () => problemsOf(props.rules, input());
  const sending = () => props.confirmation.state().phase === 'sending';
  let dialog: HTMLDialogElement | undefined;
  const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;

  onMount(() => {
    dialog?.showModal();
    dialog?.querySelector<HTMLElement>(FOCUSABLE)?.focus();
  });
  onCleanup(() => {
    // removed while open (its position left the view): nothing was sent, the panel is free again
    props.confirmation.set(cancelled);
    dialog?.close();
    // after the panel has re-enabled its buttons
    queueMicrotask(() => opener?.focus());
  });

  const confirm = () => {
    const { state, send } = confirmed(props.confirmation.state(), props.rules, input());
    props.confirmation.set(state);
    if (send === null) return;
    const done = () => props.confirmation.set((s) => settled(s, send.commandId));
    props.onConfirm(send).then(done, done);
  };
  const cancel = () => props.confirmation.set(cancelled);
  const trapTab = (e: KeyboardEvent) => {
    if (e.key !== 'Tab' || dialog === undefined) return;
    const all = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = all[0];
    const last = all.at(-1);
    if (first === undefined || last === undefined) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };
  const problemText = () =>
    problems()
      .map((p) =>
        p === 'reason'
          ? t('confirm.needReason')
          : p === 'typed'
            ? t('confirm.needTyped')
            : t('confirm.needExtra'),
      )
      .join(' · ');

  return (
    <dialog
      ref={(el) => (dialog = el)}
      class="confirm"
      data-confirm={props.name}
      aria-labelledby={`confirm-${props.name}-title`}
      onCancel={(e) => {
        // Escape: our state closes it (an answer on its way keeps it open)
        e.preventDefault();
        cancel();
      }}
      onKeyDown={trapTab}
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          confirm();
        }}
      >
        <h2 id={`confirm-${props.name}-title`}>{t('confirm.title', { action: props.action() })}</h2>
        {props.children}
        <label>
          {props.rules.reasonRequired ? t('risk.reasonRequired') : t('detail.reason')}{' '}
          <input
            name="reason"
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
            aria-invalid={problems().includes('reason')}
            disabled={sending()}
          />
        </label>
        <Show when={props.rules.typeToConfirm}>
          {(market) => (
            <label>
              {t('detail.typeMarket', { market: market() })}{' '}
              <input
                name="market"
                value={typed()}
                onInput={(e) => setTyped(e.currentTarget.value)}
                autocomplete="off"
                aria-invalid={problems().includes('typed')}
                disabled={sending()}
              />
            </label>
          )}
        </Show>
        <Show when={props.extra}>
          {(f) => (
            <label>
              {f().label()}{' '}
              <input
                name={f().name}
                inputmode={f().inputmode ?? 'text'}
                value={extra()}
                onInput={(e) => setExtra(e.currentTarget.value)}
                aria-invalid={problems().includes('extra')}
                disabled={sending()}
              />
            </label>
          )}
        </Show>
        <p class="sub" data-confirm-state={sending() ? 'sending' : 'open'} aria-live="polite">
          {sending() ? t('confirm.sending') : problemText() || t('confirm.hint')}
        </p>
        <div class="controls">
          <button
            type="submit"
            class="primary"
            data-action="confirm"
            disabled={sending() || problems().length > 0}
          >
            {t('detail.confirm')}
          </button>
          <button type="button" data-action="cancel" disabled={sending()} onClick={cancel}>
            {t('detail.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/**
 * The receipts of the commands a panel sent, newest first: the command, how far it has come
 * (sending → accepted / denied with its reason → done), the refusal in the page's language.
 */
export function ReceiptList(props: {
  live: Live;
  ids: () => readonly string[];
  show?: (r: Receipt) => boolean;
}) {
  const receipts = () =>
    props
      .ids()
      .map((id) => receiptOf(id, props.live.state.receipts))
      .filter((r): r is Receipt => r !== undefined && (props.show?.(r) ?? true));
  return (
    <ul class="receipts" aria-live="polite">
      <For each={receipts()}>
        {(r) => (
          <li
            class={`receipt-${r.status}`}
            data-receipt={r.commandId}
            data-command={r.command}
            data-status={r.status}
          >
            {t(`commands.${r.command as 'position.close'}`)} — {t(`receipt.${r.status}`)}
            {r.positionId !== null && r.command === 'strategy.run' ? ` · ${r.positionId}` : ''}
            {r.error !== null && r.status !== 'accepted' && r.status !== 'done'
              ? `: ${say(r.error)}`
              : ''}
          </li>
        )}
      </For>
    </ul>
  );
}
