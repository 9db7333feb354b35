import * as t from 'io-ts';
import { envelope, IsoDateTime } from './envelope.js';
import { NonNegativeIntC, text, nullable } from './codec-helpers.js';

/** The most characters of a dead message's payload kept in its dead letter. */
export const DEAD_LETTER_MAX_PAYLOAD = 8192;

/**
 * A message that could not be handled, on `hoga.dlq.<original subject>` (JetStream): it did not
 * decode (`reason` is the readable decode error), or a durable consumer gave up after
 * `deliveryCount` deliveries. The payload is kept as text, cut to {@link DEAD_LETTER_MAX_PAYLOAD}.
 */
export const DeadLetter = envelope(
  'DeadLetter',
  t.strict({
    subject: text(512, 1),
    cause: t.keyof({ undecodable: null, 'max-deliveries': null }),
    reason: text(4000),
    payload: text(DEAD_LETTER_MAX_PAYLOAD),
    /** Length of the original payload in characters; more than `payload` when cut. */
    payloadLength: NonNegativeIntC,
    deliveryCount: nullable(NonNegativeIntC),
    receivedAt: IsoDateTime,
  }),
);
export type DeadLetter = t.TypeOf<typeof DeadLetter>;
export type DeadLetterData = DeadLetter['data'];

/** What a dead letter is built from: the payload and reason uncut. */
export interface DeadLetterInput {
  readonly subject: string;
  readonly cause: DeadLetterData['cause'];
  readonly reason: string;
  readonly payload: string;
  readonly receivedAt: string;
  readonly deliveryCount?: number;
}

/** Builds the data of a dead letter, cutting the payload and the reason to their bounds. */
export const deadLetterData = (input: DeadLetterInput): DeadLetterData => ({
  subject: input.subject,
  cause: input.cause,
  reason: input.reason.slice(0, 4000),
  payload: input.payload.slice(0, DEAD_LETTER_MAX_PAYLOAD),
  payloadLength: input.payload.length,
  deliveryCount: input.deliveryCount ?? null,
  receivedAt: input.receivedAt,
});
