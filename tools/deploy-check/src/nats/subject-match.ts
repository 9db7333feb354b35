/** True when `subject` (concrete) matches the NATS pattern (`*` one token, `>` the rest). */
export function subjectMatches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}

/** A concrete subject matched by the pattern (each wildcard replaced by a probe token). */
export const concrete = (pattern: string): string =>
  pattern
    .split('.')
    .map((t) => (t === '*' ? 'probe' : t === '>' ? 'probe.deep' : t))
    .join('.');
