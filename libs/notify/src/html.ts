/** Telegram's limit on the length of one message's text. */
export const TELEGRAM_MAX_TEXT = 4096;

/** Escapes `&`, `<` and `>` so text is literal in Telegram's HTML parse mode. */
export const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Splits HTML text into parts of at most `max` characters, at line boundaries. A line longer
 * than `max` is cut at the last position that is not inside a tag (`<...>`) or an entity
 * (`&...;`). Tags must open and close on the same line (the notifier's texts do).
 */
export function splitHtml(text: string, max = TELEGRAM_MAX_TEXT): string[] {
  const parts: string[] = [];
  let current = '';
  for (const line of text.split('\n').flatMap((l) => cutLongLine(l, max))) {
    const joined = current.length === 0 ? line : `${current}\n${line}`;
    if (joined.length <= max) current = joined;
    else {
      parts.push(current);
      current = line;
    }
  }
  if (current.length > 0 || parts.length === 0) parts.push(current);
  return parts;
}

function cutLongLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const at = safeCut(rest, max);
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at);
  }
  pieces.push(rest);
  return pieces;
}

/** The largest cut position <= max that does not fall inside a tag or an entity. */
function safeCut(text: string, max: number): number {
  let lastSafe = 0;
  let inside = false;
  for (let i = 0; i < max; i++) {
    if (!inside) lastSafe = i;
    const c = text[i];
    if (c === '<' || c === '&') inside = true;
    else if (inside && (c === '>' || c === ';')) inside = false;
  }
  if (!inside) lastSafe = max;
  // A single tag or entity longer than max cannot be kept whole: cut at max.
  return lastSafe > 0 ? lastSafe : max;
}
