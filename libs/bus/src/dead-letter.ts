import { deadLetterOriginal, isDeadLetterSubject as isDlq, subjects } from '@hoga/contracts';
import type { DeadLetter, DeadLetterReason, Headers } from './bus.port.js';

/** The dead-letter subject of a subject: `hoga.dlq.<subject>`, built by the subject registry. */
export const deadLetterSubject = (subject: string): string => subjects.deadLetter(subject).subject;

/** True for a subject on the dead-letter tree (dead letters are never dead-lettered again). */
export const isDeadLetterSubject = isDlq;

/** Headers a dead letter carries on top of the original ones. */
export const DeadLetterHeader = {
  reason: 'Hoga-Dead-Letter-Reason',
  subject: 'Hoga-Dead-Letter-Subject',
  error: 'Hoga-Dead-Letter-Error',
  /** For durable messages: the stream, its sequence, the deliveries made, the message id. */
  stream: 'Hoga-Dead-Letter-Stream',
  sequence: 'Hoga-Dead-Letter-Sequence',
  deliveries: 'Hoga-Dead-Letter-Deliveries',
  msgId: 'Hoga-Dead-Letter-Msg-Id',
} as const;

const MAX_ERROR_LENGTH = 1000;

/** What is known about a message being dead-lettered. */
export interface DeadLetterFacts {
  readonly subject: string;
  readonly reason: DeadLetterReason;
  readonly error: string;
  readonly stream?: string;
  readonly sequence?: number;
  readonly deliveries?: number;
}

/**
 * The headers of a dead letter: the original ones except the `Nats-*` control headers (a kept
 * `Nats-Msg-Id` would make a stream over the dead letters drop them as duplicates; its value is
 * kept as `Hoga-Dead-Letter-Msg-Id`), plus the facts.
 */
export function deadLetterHeaders(
  original: Headers,
  facts: DeadLetterFacts,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(original))
    if (!k.toLowerCase().startsWith('nats-')) headers[k] = v;
  const msgId = Object.entries(original).find(([k]) => k.toLowerCase() === 'nats-msg-id')?.[1];
  headers[DeadLetterHeader.reason] = facts.reason;
  headers[DeadLetterHeader.subject] = facts.subject;
  headers[DeadLetterHeader.error] =
    facts.error
      .replace(/[\r\n]+/g, ' ')
      .slice(0, MAX_ERROR_LENGTH)
      .trim() || 'unknown';
  if (facts.stream !== undefined) headers[DeadLetterHeader.stream] = facts.stream;
  if (facts.sequence !== undefined) headers[DeadLetterHeader.sequence] = String(facts.sequence);
  if (facts.deliveries !== undefined)
    headers[DeadLetterHeader.deliveries] = String(facts.deliveries);
  if (msgId !== undefined) headers[DeadLetterHeader.msgId] = msgId;
  return headers;
}

const REASONS: readonly string[] = ['undecodable', 'max-deliveries'] satisfies DeadLetterReason[];

/** Reads a dead letter back from what arrived on a dead-letter subject. */
export function readDeadLetter(
  wireSubject: string,
  payload: Uint8Array,
  headers: Headers,
): DeadLetter {
  const reason = headers[DeadLetterHeader.reason] ?? '';
  const fromSubject = deadLetterOriginal(wireSubject) ?? wireSubject;
  return {
    subject: headers[DeadLetterHeader.subject] ?? fromSubject,
    reason: REASONS.includes(reason) ? (reason as DeadLetterReason) : 'unknown',
    error: headers[DeadLetterHeader.error] ?? '',
    payload,
    headers,
  };
}
