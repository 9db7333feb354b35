/**
 * Caps on what one log line or one error message may carry. A dead letter of a 396 KB message
 * once logged 3.4 M characters; every place that renders untrusted or unbounded input into text
 * (the logger, decode error reports, dead-letter previews) cuts it here, with a marker that says
 * how much was cut, so the reader knows the text is not whole.
 */

/** The most characters of one text field (a log field, an error message) by default. */
export const MAX_TEXT_CHARS = 2_000;

/** The marker appended to cut text: `…[cut 3398000 of 3400000 chars]`. */
export const cutMarker = (cut: number, total: number, unit = 'chars'): string =>
  `…[cut ${cut} of ${total} ${unit}]`;

/**
 * `text` if it has at most `max` characters; otherwise its first characters followed by
 * {@link cutMarker}, the whole at most `max` characters long (unless `max` is shorter than the
 * marker itself, when the marker alone is returned). Never splits a surrogate pair.
 */
export function capText(text: string, max: number = MAX_TEXT_CHARS): string {
  if (text.length <= max) return text;
  let keep = Math.max(0, max - cutMarker(text.length, text.length).length);
  // Do not end on the high half of a surrogate pair.
  const code = text.charCodeAt(keep - 1);
  if (keep > 0 && code >= 0xd800 && code <= 0xdbff) keep -= 1;
  return `${text.slice(0, keep)}${cutMarker(text.length - keep, text.length)}`;
}

/** The first `max` items and how many were left out (0 when none). */
export function capList<T>(
  items: readonly T[],
  max: number,
): { readonly kept: readonly T[]; readonly omitted: number } {
  return items.length <= max
    ? { kept: items, omitted: 0 }
    : { kept: items.slice(0, max), omitted: items.length - max };
}

const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * A printable preview of a payload: its first `maxBytes` bytes as UTF-8 text (invalid sequences
 * replaced), with {@link cutMarker} in bytes when the payload is longer.
 */
export function previewBytes(payload: Uint8Array, maxBytes = 512): string {
  const head = utf8.decode(payload.subarray(0, Math.min(payload.length, maxBytes)));
  if (payload.length <= maxBytes) return head;
  // A multi-byte character cut in two decodes to U+FFFD at the end: drop it.
  return `${head.replace(/\uFFFD$/, '')}${cutMarker(payload.length - maxBytes, payload.length, 'bytes')}`;
}
