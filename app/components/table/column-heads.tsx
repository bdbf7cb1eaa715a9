/** One column of a table's head: its label, and whether it holds amounts (right-aligned, as numbers read). */
export type Column = { label: string; numeric?: boolean };

/** The head row of a data table: every cell a column header, amounts aligned right. */
export function ColumnHeads({ columns, cellClass }: { columns: Column[]; cellClass: string }) {
  return (
    <tr className="border-b border-slate-200">
      {columns.map((c) => (
        <th key={c.label} scope="col" className={c.numeric ? `${cellClass} text-right` : cellClass}>
          {c.label}
        </th>
      ))}
    </tr>
  );
}
