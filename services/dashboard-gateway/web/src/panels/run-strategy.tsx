import { createSignal, For, Show } from 'solid-js';
import { newCommandId, sendStrategy, type FieldError } from '../commands.js';
import { say, t } from '../i18n/i18n.js';
import { message, type Message } from '../i18n/message.js';
import type { Live } from '../live/live-store.js';
import type { Session } from '../session.js';
import { ConfirmForm, createConfirmation, ReceiptList } from './confirm-form.js';

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
 * {@link MAX_SPEC_CHARS} characters); Run opens a {@link ConfirmForm} (a reason, optional) with a
 * new command id, and its Confirm sends exactly one request. The gateway checks the spec as
 * `hoga strategy run` does before sending anything to position-actor; its field errors are shown
 * next to the form. An accepted run selects the new (pending) position.
 */
export function RunStrategy(props: {
  live: Live;
  session: Session;
  onOpened: (positionId: string) => void;
}) {
  const [spec, setSpec] = createSignal('');
  const confirmation = createConfirmation();
  const [problem, setProblem] = createSignal<Message>();
  const [fields, setFields] = createSignal<readonly FieldError[]>([]);
  const [sent, setSent] = createSignal<string[]>([]);

  const run = async (commandId: string, text: string, reason: string) => {
    setProblem(undefined);
    setFields([]);
    setSent((s) => [commandId, ...s].slice(0, 5));
    const outcome = await sendStrategy(props.session, commandId, text, reason);
    if (outcome.kind === 'accepted') props.onOpened(outcome.positionId);
    else {
      setProblem(outcome.message);
      setFields(outcome.fields);
    }
  };

  const readFile = (file: File | undefined) => {
    if (file === undefined) return;
    setProblem(undefined);
    setFields([]);
    if (file.size > MAX_SPEC_CHARS) {
      setProblem(message('run.tooLarge', { max: String(MAX_SPEC_CHARS / 1024) }));
      return;
    }
    void file
      .text()
      .then(setSpec, (e: unknown) => setProblem(message('run.unreadable', { detail: String(e) })));
  };

  return (
    <section class="panel detail run-strategy" aria-label={t('run.title')}>
      <h2>{t('run.title')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (spec().trim() !== '') confirmation.open(newCommandId());
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
        <Show when={problem()}>
          <div class="form-errors" role="alert" data-run-error>
            <div>
              ⚠ {t('run.refused')}
              {fields().length === 0 ? `: ${say(problem()!)}` : ''}
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
            disabled={confirmation.busy() || spec().trim() === ''}
          >
            {t('run.run')}
          </button>
        </div>
      </form>
      <Show when={confirmation.busy()}>
        <ConfirmForm
          confirmation={confirmation}
          name="run"
          action={() => t('commands.strategy.run')}
          rules={{ reasonRequired: false }}
          onConfirm={(s) => run(s.commandId, spec(), s.reason)}
        >
          <p class="sub" data-confirm-spec>
            {t('confirm.spec', { lines: String(spec().trimEnd().split('\n').length) })}
          </p>
          <pre class="spec-preview">{spec().slice(0, 400)}</pre>
        </ConfirmForm>
      </Show>
      <ReceiptList live={props.live} ids={sent} />
    </section>
  );
}
