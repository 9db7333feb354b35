import * as t from 'io-ts';
import { MessageIdC } from './envelope.js';
import { text, nullable } from './codec-helpers.js';

/**
 * What every state-changing operator command carries: its id (a repeated `commandId` is
 * harmless: the command takes effect once), who issued it (`cli:alice`, `dashboard:bob`), and
 * why. Assignable to the `IssuedBy` of the position events, which record it.
 */
export const operatorCommandProps = {
  commandId: MessageIdC,
  issuedBy: text(128, 1),
  reason: nullable(text(500)),
};

/** The issuer of an operator command, as recorded in events. */
export const OperatorCommand = t.strict(operatorCommandProps, 'OperatorCommand');
export type OperatorCommand = t.TypeOf<typeof OperatorCommand>;
