import * as E from 'fp-ts/lib/Either.js';
import type { AcknowledgeFinding } from '@hoga/contracts';
import type { Findings } from './findings.fold.js';

/** Why an acknowledgement is refused (nothing is recorded). */
export interface AckRefusal {
  readonly code: 'bad-request' | 'not-found' | 'conflict';
  readonly message: string;
}

/** The data of the `AccountFindingAcknowledged` event to record, or null: already done. */
export interface AckDecision {
  readonly findingId: string;
  readonly commandId: string;
  readonly issuedBy: string;
  readonly reason: string;
}

/**
 * Decides an operator's acknowledgement (pure): the reason must not be blank; the finding must
 * exist; a finding acknowledged by this very command is a no-op (Right null), by another command
 * a `conflict` (the first acknowledgement stands, with its who and why).
 */
export function decideAck(
  findings: Findings,
  request: AcknowledgeFinding['data'],
): E.Either<AckRefusal, AckDecision | null> {
  const reason = request.reason?.trim() ?? '';
  if (reason === '' || request.issuedBy.trim() === '')
    return E.left({ code: 'bad-request', message: 'issuedBy and a non-blank reason are required' });
  const entry = findings.get(request.findingId);
  if (entry === undefined)
    return E.left({ code: 'not-found', message: `no finding ${request.findingId}` });
  if (entry.view.acknowledged !== null)
    return entry.ackCommandId === request.commandId
      ? E.right(null)
      : E.left({
          code: 'conflict',
          message: `finding ${request.findingId} was already acknowledged by ${entry.view.acknowledged.issuedBy}`,
        });
  return E.right({
    findingId: request.findingId,
    commandId: request.commandId,
    issuedBy: request.issuedBy,
    reason: reason.slice(0, 500),
  });
}
