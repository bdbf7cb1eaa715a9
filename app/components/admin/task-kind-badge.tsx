import type { T } from '~/utils/i18n';

const tones: Record<string, string> = {
  call: 'bg-sky-50 text-sky-900 ring-sky-300',
  collections: 'bg-red-50 text-red-800 ring-red-300',
  dispute: 'bg-amber-50 text-amber-950 ring-amber-300',
  bounce: 'bg-amber-50 text-amber-950 ring-amber-300',
  chargeback: 'bg-red-50 text-red-800 ring-red-300',
};

/** A task's kind as a small pill (call, collections, bounced email...). */
export function TaskKindBadge({ kind, t }: { kind: string; t: T }) {
  return (
    <span
      className={`inline-flex whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${
        tones[kind] ?? 'bg-slate-100 text-slate-800 ring-slate-300'
      }`}
    >
      {t(`kind.${kind}`)}
    </span>
  );
}
