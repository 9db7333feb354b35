import {
  DEAD_LETTER_PREVIEW_CHARS,
  type DeadLetterListReply,
  type DeadLetterSummary,
  type OpsService,
} from '@hoga/contracts';
import { capText, previewBytes } from '@hoga/model';
import type { Bus, KeptDeadLetter } from '../bus.port.js';
import { DeadLetterHeader } from '../dead-letter.js';
import { OpsError } from './ops-error.js';
import { isBusUsageError } from '../bus.errors.js';
import type { ErasedOpsHandler } from './answer-ops.js';

/** What `deadletters` takes (the data of `ListDeadLetters`). */
interface ListRequest {
  readonly data: { readonly subject: string | null; readonly limit: number; readonly all: boolean };
}

const intOrNull = (value: string | undefined): number | null => {
  const n = value === undefined ? NaN : Number(value);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
};

const nullableText = (value: string | undefined, max: number): string | null =>
  value === undefined ? null : capText(value, max);

/** A kept letter as the ops reply shows it: bounded text, the payload as a cut preview. */
export function summarize(letter: KeptDeadLetter): DeadLetterSummary {
  const h = letter.headers;
  return {
    sequence: letter.sequence,
    keptAt: letter.keptAt,
    subject: capText(letter.subject, 512),
    reason: letter.reason,
    error: capText(letter.error, 1000),
    by: nullableText(letter.by, 64),
    stream: nullableText(h[DeadLetterHeader.stream], 64),
    streamSequence: intOrNull(h[DeadLetterHeader.sequence]),
    deliveries: intOrNull(h[DeadLetterHeader.deliveries]),
    payloadBytes: letter.payload.length,
    preview: capText(
      previewBytes(letter.payload, DEAD_LETTER_PREVIEW_CHARS),
      DEAD_LETTER_PREVIEW_CHARS + 64,
    ),
  };
}

/**
 * The `deadletters` endpoint every service gets from `serveOps`: the dead-letter stream's count,
 * bytes and limits, and its newest letters (this service's, or all with `all`). A query the
 * store refuses (a bad subject filter) is a `bad-request`.
 */
export function deadLettersHandler(bus: Bus, service: OpsService): ErasedOpsHandler {
  return async (request) => {
    const { subject, limit, all } = (request as ListRequest).data;
    try {
      const report = await bus.keptDeadLetters({
        limit,
        ...(subject !== null ? { subject } : {}),
        ...(all ? {} : { by: service }),
      });
      const reply: DeadLetterListReply = {
        ok: true,
        service,
        count: report.count,
        bytes: report.bytes,
        limits: report.limits,
        scanned: report.scanned,
        letters: report.letters.map(summarize),
      };
      return reply;
    } catch (error) {
      if (isBusUsageError(error)) throw new OpsError('bad-request', error.message);
      throw error;
    }
  };
}
