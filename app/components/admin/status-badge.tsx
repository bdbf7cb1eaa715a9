import type { T } from '~/utils/i18n';

const tones: Record<string, string> = {
  draft: 'bg-slate-100 text-slate-800 ring-slate-300',
  open: 'bg-sky-50 text-sky-900 ring-sky-300',
  overdue: 'bg-red-50 text-red-800 ring-red-300',
  paid: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  void: 'bg-slate-100 text-slate-700 ring-slate-300 line-through decoration-slate-500',
  uncollectible: 'bg-amber-50 text-amber-950 ring-amber-300',
};

/** Invoice status as a small pill; an open invoice past its due date says "Overdue". */
export function StatusBadge({ status, overdue = false, t }: { status: string; overdue?: boolean; t: T }) {
  const key = status === 'open' && overdue ? 'overdue' : status;
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[key] ?? tones.draft}`}
    >
      {t(`status.${key}`)}
    </span>
  );
}
