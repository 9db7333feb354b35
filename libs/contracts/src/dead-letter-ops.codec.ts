import * as t from 'io-ts';
import { refine } from './codec-helpers.js';
import { NonNegativeIntC, nullable, ServiceNameC, text } from './codec-helpers.js';
import { envelope, IsoDateTime } from './envelope.js';
import { opsReply } from './ops-reply.codec.js';

/** The most letters one `deadletters` request may ask for. */
export const MAX_DEAD_LETTERS_LISTED = 100;
/** The most characters of a letter's payload preview in a reply. */
export const DEAD_LETTER_PREVIEW_CHARS = 512;

const ListLimitC = refine(
  t.number,
  (n) => Number.isSafeInteger(n) && n >= 1 && n <= MAX_DEAD_LETTERS_LISTED,
  `Int(1..${MAX_DEAD_LETTERS_LISTED})`,
);

/**
 * Lists the dead letters kept by the dead-letter stream (ADR 0034), newest first: those this
 * service dead-lettered, or every service's with `all`; `subject` filters by original subject
 * (NATS wildcards).
 */
export const ListDeadLetters = envelope(
  'ListDeadLetters',
  t.strict({ subject: nullable(text(256, 1)), limit: ListLimitC, all: t.boolean }),
);

/** One kept dead letter, bounded: its payload as a cut preview. */
export const DeadLetterSummary = t.strict(
  {
    /** Its sequence in the dead-letter stream. */
    sequence: NonNegativeIntC,
    keptAt: IsoDateTime,
    /** The subject it was published on. */
    subject: text(512, 1),
    reason: t.keyof({ undecodable: null, 'max-deliveries': null, unknown: null }),
    /** What went wrong, cut to 1,000 characters. */
    error: text(1000),
    /** The service whose bus dead-lettered it. */
    by: nullable(text(64)),
    /** The stream and sequence of the original message, for stream messages. */
    stream: nullable(text(64)),
    streamSequence: nullable(NonNegativeIntC),
    deliveries: nullable(NonNegativeIntC),
    payloadBytes: NonNegativeIntC,
    /** The payload's first bytes as text, with a marker saying how much was cut. */
    preview: text(DEAD_LETTER_PREVIEW_CHARS + 64),
  },
  'DeadLetterSummary',
);
export type DeadLetterSummary = t.TypeOf<typeof DeadLetterSummary>;

/** The dead-letter stream's state and the letters asked for. */
export const DeadLetterListReply = opsReply('DeadLetterListReply', {
  /** The service that answered. */
  service: ServiceNameC,
  /** Letters kept (every service's) and their bytes. */
  count: NonNegativeIntC,
  bytes: NonNegativeIntC,
  limits: t.strict({
    maxAgeMs: NonNegativeIntC,
    maxMsgs: NonNegativeIntC,
    maxBytes: NonNegativeIntC,
  }),
  /** Kept letters looked at (the search is bounded). */
  scanned: NonNegativeIntC,
  letters: t.array(DeadLetterSummary),
});
export type DeadLetterListReply = t.TypeOf<typeof DeadLetterListReply>;
