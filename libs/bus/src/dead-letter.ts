import { createHash } from 'node:crypto';
import { deadLetterOriginal, isDeadLetterSubject as isDlq, subjects } from '@hoga/contracts';
import { capText } from '@hoga/model';
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
  /** The durable consumer that gave up (max-deliveries). */
  consumer: 'Hoga-Dead-Letter-Consumer',
  /** The bus (service) that dead-lettered the message. */
  by: 'Hoga-Dead-Letter-By',
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
  /** The durable consumer (max-deliveries of a stream message). */
  readonly consumer?: string;
}

/**
 * The message id under which a dead letter is kept, so that one message is kept once however
 * many consumers give up on it (the dead-letter stream's duplicate window drops the repeats):
 * a stream message is known by its stream and sequence (an undecodable one once for all
 * consumers; one that exhausted its deliveries once per consumer); a core message by a hash of
 * its subject, bytes and headers (its `traceparent` tells two publishes of the same bytes apart).
 */
export function deadLetterMsgId(
  payload: Uint8Array,
  headers: Headers,
  facts: DeadLetterFacts,
): string {
  if (facts.stream !== undefined && facts.sequence !== undefined) {
    const base = `${facts.stream}:${facts.sequence}:${facts.reason}`;
    return facts.reason === 'undecodable' ? base : `${base}:${facts.consumer ?? ''}`;
  }
  const hash = createHash('sha256').update(facts.subject).update('\n').update(payload);
  for (const [k, v] of Object.entries(headers).sort(([a], [b]) => (a < b ? -1 : 1)))
    hash.update(`\n${k}:${v}`);
  return `core:${facts.reason}:${hash.digest('hex')}`;
}

/**
 * The headers of a dead letter: the original ones except the `Nats-*` control headers (a kept
 * `Nats-Msg-Id` would make a stream over the dead letters drop them as duplicates; its value is
 * kept as `Hoga-Dead-Letter-Msg-Id`), plus the facts.
 */
export function deadLetterHeaders(
  original: Headers,
  facts: DeadLetterFacts,
  by?: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(original))
    if (!k.toLowerCase().startsWith('nats-')) headers[k] = v;
  const msgId = Object.entries(original).find(([k]) => k.toLowerCase() === 'nats-msg-id')?.[1];
  headers[DeadLetterHeader.reason] = facts.reason;
  headers[DeadLetterHeader.subject] = facts.subject;
  headers[DeadLetterHeader.error] =
    capText(facts.error.replace(/[\r\n]+/g, ' ').trim(), MAX_ERROR_LENGTH) || 'unknown';
  if (facts.stream !== undefined) headers[DeadLetterHeader.stream] = facts.stream;
  if (facts.sequence !== undefined) headers[DeadLetterHeader.sequence] = String(facts.sequence);
  if (facts.deliveries !== undefined)
    headers[DeadLetterHeader.deliveries] = String(facts.deliveries);
  if (msgId !== undefined) headers[DeadLetterHeader.msgId] = msgId;
  if (facts.consumer !== undefined) headers[DeadLetterHeader.consumer] = facts.consumer;
  if (by !== undefined && by !== '') headers[DeadLetterHeader.by] = by.replace(/[\r\n]+/g, ' ');
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
