import { createSignal, For, Show } from 'solid-js';
import { newCommandId, receiptOf, sendStrategy, type FieldError } from '../commands.js';
import { t } from '../i18n/i18n.js';
import type { Live } from '../live/live-store.js';
import type { Session } from '../session.js';

/** The gateway's limit on a spec's text (`MAX_SPEC_CHARS`); a larger file is not read. */
export const MAX_SPEC_CHARS = 65_536;

/** An example to start from: bought at once, exits far away (the CLI's example shape). */
const EXAMPLE = `id: my-strategy
market: KRW-BTC
budgetKrw: "100000"
entry: immediate
exit:
  takeProfitPct: 5
  stopLossPct: 3
`;

/**
 * Run a strategy (operators): a spec pasted or read from a file (YAML or JSON, at most
 * {@link MAX_SPEC_CHARS} characters), sent with a new command id per click. The gateway checks it
 * as `hoga strategy run` does before sending anything to position-actor; its field errors are
 * shown next to the form. An accepted run selects the new (pending) position.
 */
export function RunStrategy(props: {
  live: Live;
  session: Session;
  onOpened: (positionId: string) => void;
}) {
  const [spec, setSpec] = createSignal('');
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [problem, setProblem] = createSignal<string>();
  const [fields, setFields] = createSignal<readonly FieldError[]>([]);
  const [sent, setSent] = createSignal<string[]>([]);

  const run = async () => {
    if (busy() || spec().trim() === '') return;
    // one command id per click; the button is disabled until the answer, so a double click is one
    const commandId = newCommandId();
    setBusy(true);
    setProblem(undefined);
    setFields([]);
    setSent((s) => [commandId, ...s].slice(0, 5));
    try {
      const outcome = await sendStrategy(props.session, commandId, spec(), reason());
      if (outcome.kind === 'accepted') props.onOpened(outcome.positionId);
      else {
        setProblem(outcome.message);
        setFields(outcome.fields);
      }
    } finally {
      setBusy(false);
    }
  };

  const readFile = (file: File | undefined) => {
    if (file === undefined) return;
    setProblem(undefined);
    setFields([]);
    if (file.size > MAX_SPEC_CHARS) {
      setProblem(t('run.tooLarge', { max: String(MAX_SPEC_CHARS / 1024) }));
      return;
    }
    void file.text().then(setSpec, (e: unknown) => setProblem(String(e)));
  };

  return (
    <section class="panel detail run-strategy" aria-label={t('run.title')}>
      <h2>{t('run.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label class="block">
          {t('run.spec')}
          <textarea
            name="spec"
            rows={8}
            spellcheck={false}
            maxLength={MAX_SPEC_CHARS}
            value={spec()}
            onInput={(e) => setSpec(e.currentTarget.value)}
            aria-invalid={fields().length > 0}
          />
        </label>
        <div class="controls">
          <button type="button" data-action="example" onClick={() => setSpec(EXAMPLE)}>
            {t('run.example')}
          </button>
          <label class="file">
            {t('run.file')}{' '}
            <input
              type="file"
              name="spec-file"
              accept=".yaml,.yml,.json,application/json,text/yaml"
              onChange={(e) => readFile(e.currentTarget.files?.[0])}
            />
          </label>
        </div>
        <label>
          {t('detail.reason')}{' '}
          <input
            name="run-reason"
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
            maxLength={500}
          />
        </label>
        <Show when={problem()}>
          <div class="form-errors" role="alert" data-run-error>
            <div>
              ⚠ {t('run.refused')}
              {fields().length === 0 ? `: ${problem() ?? ''}` : ''}
            </div>
            <ul>
              <For each={fields()}>
                {(f) => (
                  <li data-field-error={f.field}>
                    <code>{f.field.replace(/^body\.spec\.?/, '') || t('run.wholeSpec')}</code> —{' '}
                    {f.expected}
                  </li>
                )}
              </For>
            </ul>
          </div>
        </Show>
        <div class="controls">
          <button
            type="submit"
            class="primary"
            data-action="run"
            disabled={busy() || spec().trim() === ''}
          >
            {t('run.run')}
          </button>
        </div>
      </form>
      <ul class="receipts">
        <For
          each={sent()
            .map((id) => receiptOf(id, props.live.state.receipts))
            .filter((r) => r !== undefined)}
        >
          {(r) => (
            <li class={`receipt-${r.status}`} data-receipt={r.commandId} data-status={r.status}>
              {t('commands.strategy.run')} — {t(`receipt.${r.status}`)}
              {r.positionId !== null ? ` · ${r.positionId}` : ''}
              {r.error !== null && r.status !== 'accepted' ? `: ${r.error}` : ''}
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
