/**
 * The confirmation's state machine (pure: no DOM, no Solid), shared by every command the page
 * sends after a confirmation: it opens with the command id made for that click, confirms only
 * when the input is valid, and lets exactly one send out per confirmation — a second Confirm
 * (a double click, Enter held down) while the first is sending, or after it, sends nothing.
 */

/** What a confirmation asks for. */
export interface ConfirmRules {
  /** A reason must be written (risk-guard refuses a blank one); else it is optional. */
  readonly reasonRequired: boolean;
  /** Text the operator must type to confirm (closing a position: its market code). */
  readonly typeToConfirm?: string;
  /** A further field (the loss limit's rate) and whether its text is acceptable. */
  readonly extraValid?: (text: string) => boolean;
}

/** What the operator typed. */
export interface ConfirmInput {
  readonly reason: string;
  readonly typed: string;
  readonly extra: string;
}

const RATE = /^(100(\.0+)?|\d{1,2}(\.\d{1,4})?)$/;
/** A loss-limit rate in percent (arming): in (0, 100], at most 4 decimals. */
export const validRate = (text: string): boolean => RATE.test(text) && Number(text) > 0;

export type ConfirmProblem = 'reason' | 'typed' | 'extra';

/** What is missing or wrong; empty when Confirm may send. */
export function problemsOf(rules: ConfirmRules, input: ConfirmInput): ConfirmProblem[] {
  const problems: ConfirmProblem[] = [];
  if (rules.reasonRequired && input.reason.trim() === '') problems.push('reason');
  if (rules.typeToConfirm !== undefined && input.typed.trim() !== rules.typeToConfirm)
    problems.push('typed');
  if (rules.extraValid !== undefined && !rules.extraValid(input.extra.trim()))
    problems.push('extra');
  return problems;
}

export type ConfirmState =
  | { readonly phase: 'closed' }
  | { readonly phase: 'open'; readonly commandId: string }
  | { readonly phase: 'sending'; readonly commandId: string };

/** The one request a confirmation lets out: its command id and the trimmed input. */
export interface Send {
  readonly commandId: string;
  readonly reason: string;
  readonly extra: string;
}

export const closed: ConfirmState = { phase: 'closed' };

/** Opens for a click with its new command id; an open or sending confirmation stays as it is. */
export const opened = (s: ConfirmState, commandId: string): ConfirmState =>
  s.phase === 'closed' ? { phase: 'open', commandId } : s;

/**
 * Confirm: from an open confirmation with valid input, the one send and the sending state;
 * otherwise (closed, already sending, input not valid) nothing to send and the state unchanged.
 */
export function confirmed(
  s: ConfirmState,
  rules: ConfirmRules,
  input: ConfirmInput,
): { readonly state: ConfirmState; readonly send: Send | null } {
  if (s.phase !== 'open' || problemsOf(rules, input).length > 0) return { state: s, send: null };
  return {
    state: { phase: 'sending', commandId: s.commandId },
    send: { commandId: s.commandId, reason: input.reason.trim(), extra: input.extra.trim() },
  };
}

/** The answer to the send of `commandId` came (accepted or not): the confirmation closes. */
export const settled = (s: ConfirmState, commandId: string): ConfirmState =>
  s.phase === 'sending' && s.commandId === commandId ? closed : s;

/** Cancel (the button, Escape): an open confirmation closes; a request on its way is not undone. */
export const cancelled = (s: ConfirmState): ConfirmState => (s.phase === 'open' ? closed : s);
