import { ApiError } from '../../adapters/http/api-error.js';

/** An HTTP answer to a command: its status and JSON body. */
export interface CommandAnswer {
  readonly status: number;
  readonly body: unknown;
  /**
   * False for an answer that says nothing about the command's effect (nobody answered, or not in
   * time): it is not kept, so a retry sends the command again (the services dedupe it).
   */
  readonly final: boolean;
}

interface Entry {
  readonly fingerprint: string;
  readonly answer: Promise<CommandAnswer>;
}

/**
 * The answers to recent commands by command id (at most `capacity`, the oldest forgotten first):
 * a retried request or a double click gets the first request's answer — while the first is still
 * under way too — and sends nothing. The same id for another command (another verb, target,
 * issuer or body) is a `conflict`.
 */
export class ReplyCache {
  readonly #entries = new Map<string, Entry>();

  constructor(private readonly capacity: number) {}

  /**
   * The answer to `commandId`: the remembered one, or `send()`'s (remembered when final).
   * Throws a `conflict` {@link ApiError} when the id was used with another fingerprint.
   */
  answer(
    commandId: string,
    fingerprint: string,
    send: () => Promise<CommandAnswer>,
  ): Promise<CommandAnswer> {
    const known = this.#entries.get(commandId);
    if (known !== undefined) {
      if (known.fingerprint !== fingerprint)
        throw new ApiError(
          'conflict',
          `command id ${commandId} was already used for another command: make a new id per command`,
        );
      return known.answer;
    }
    const answer = send();
    const entry: Entry = { fingerprint, answer };
    this.#remember(commandId, entry);
    const forget = () => {
      if (this.#entries.get(commandId) === entry) this.#entries.delete(commandId);
    };
    answer.then((a) => (a.final ? undefined : forget()), forget);
    return answer;
  }

  get size(): number {
    return this.#entries.size;
  }

  #remember(commandId: string, entry: Entry): void {
    this.#entries.set(commandId, entry);
    if (this.#entries.size <= this.capacity) return;
    const oldest = this.#entries.keys().next();
    if (oldest.done !== true) this.#entries.delete(oldest.value);
  }
}
