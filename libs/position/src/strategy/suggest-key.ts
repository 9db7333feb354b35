/** Edit distance (insertions, deletions, substitutions) between two short strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The reason for an unknown key: names the closest known key when it is a likely typo. */
export function suggestKey(key: string, known: readonly string[]): string {
  const typed = key.toLowerCase();
  // A typo: a few edits away (about one per four letters), or a truncated/extended name.
  const tolerance = Math.max(1, Math.min(2, Math.floor(typed.length / 4)));
  const close = known
    .map((k) => {
      const name = k.toLowerCase();
      const prefix = typed.length >= 4 && (name.startsWith(typed) || typed.startsWith(name));
      return [k, prefix ? 0 : editDistance(typed, name)] as const;
    })
    .filter(([, d]) => d <= tolerance)
    .sort((x, y) => x[1] - y[1]);
  if (close[0] !== undefined) return `unknown key (did you mean '${close[0][0]}'?)`;
  return known.length > 0 ? `unknown key (allowed: ${known.join(', ')})` : 'unknown key';
}
