import { capText } from '@hoga/model';
import type { OkReply } from '../ops-client.js';
import { renderTable } from './table.js';

type DeadLetterList = OkReply<'risk-guard', 'deadletters'>;

const oneLine = (s: string, max: number): string => capText(s.replace(/\s+/g, ' '), max);

const DAY_MS = 86_400_000;
const age = (ms: number): string =>
  ms === 0 ? 'none' : ms % DAY_MS === 0 ? `${ms / DAY_MS} d` : `${Math.round(ms / 1000)} s`;

/**
 * The dead-letter store as text: what is kept and its limits, then the letters asked for (newest
 * first), one line each: sequence, time, subject, reason, who, size, error and payload preview,
 * cut to fit a terminal (`--json` has the whole reply).
 */
export function renderDeadLetters(reply: DeadLetterList, scope: string): string[] {
  const head =
    `dead letters kept: ${reply.count} (${reply.bytes} bytes; limits: max age ${age(reply.limits.maxAgeMs)}, ` +
    `${reply.limits.maxMsgs} letters, ${reply.limits.maxBytes} bytes) — ${scope}, from ${reply.service}`;
  if (reply.letters.length === 0) return [head, 'no dead letters'];
  return [
    head,
    ...renderTable(
      ['SEQ', 'KEPT AT', 'SUBJECT', 'REASON', 'BY', 'BYTES', 'ERROR', 'PAYLOAD'],
      reply.letters.map((l) => [
        String(l.sequence),
        l.keptAt,
        oneLine(l.subject, 60),
        l.reason,
        l.by ?? '-',
        String(l.payloadBytes),
        oneLine(l.error, 80),
        oneLine(l.preview, 60),
      ]),
    ),
  ];
}
