/** One line per figure, `<name>: <value> <unit> (budget <op> <value>: ok|over)`, and a closing tally. */
export type Figure = {
  name: string;
  value: number;
  unit: string;
  budget?: { op: '>=' | '<='; value: number };
};

export function formatFigure(f: Figure): string {
  const value = Number.isInteger(f.value) ? String(f.value) : f.value.toFixed(f.value < 10 ? 2 : 1);
  if (!f.budget) return `${f.name}: ${value} ${f.unit}`;
  const ok = f.budget.op === '>=' ? f.value >= f.budget.value : f.value <= f.budget.value;
  return `${f.name}: ${value} ${f.unit} (budget ${f.budget.op} ${f.budget.value}: ${ok ? 'ok' : 'over'})`;
}

export function tally(figures: Figure[]): { within: number; over: number } {
  let within = 0;
  let over = 0;
  for (const f of figures) {
    if (!f.budget) continue;
    const ok = f.budget.op === '>=' ? f.value >= f.budget.value : f.value <= f.budget.value;
    if (ok) within++;
    else over++;
  }
  return { within, over };
}
