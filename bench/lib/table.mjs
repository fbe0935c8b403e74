const COLUMNS = [
  ['figure', (r) => r.figure],
  ['measured', (r) => r.measured],
  ['target', (r) => r.target || '—'],
  ['ok', (r) => (r.ok === true ? 'yes' : r.ok === false ? 'NO' : '—')],
];

/** A plain-text table whose columns line up in any terminal or CI log. */
export function formatTable(rows) {
  const cells = rows.map((row) => COLUMNS.map(([, cell]) => String(cell(row)).replace(/\s+/g, ' ')));
  const widths = COLUMNS.map(([title], i) => Math.max(title.length, ...cells.map((line) => line[i].length)));
  const line = (values) =>
    values
      .map((value, i) => value.padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  return [line(COLUMNS.map(([title]) => title)), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}
