/** Renders rows as left-aligned columns separated by two spaces, with a header row. */
export function renderTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/** A nullable value as a cell: `-` for null. */
export const cell = (value: { toString(): string } | null): string =>
  value === null ? '-' : value.toString();
