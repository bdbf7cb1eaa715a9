import type { T } from '~/utils/i18n';

const tones: Record<string, string> = {
  waiting_for_us: 'bg-amber-100 text-amber-950 ring-amber-300',
  waiting_for_them: 'bg-sky-100 text-sky-950 ring-sky-300',
  accepted: 'bg-emerald-100 text-emerald-950 ring-emerald-300',
  rejected: 'bg-slate-100 text-slate-800 ring-slate-300',
};

export function DisputeStatusBadge({ status, t }: { status: string; t: T }) {
  return (
    <span
      className={`inline-flex rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${tones[status] ?? ''}`}
    >
      {t(`disputes.status.${status}`)}
    </span>
  );
}
