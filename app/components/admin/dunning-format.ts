import type { T } from '~/utils/i18n';

/** "3 days before the due date", "On the due date", "14 days after the due date". */
export function offsetLabel(days: number, t: T): string {
  if (days === 0) return t('offset.on');
  const n = Math.abs(days);
  const side = days < 0 ? 'before' : 'after';
  return t(`offset.${side}.${n === 1 ? 'one' : 'other'}`, { days: n });
}

/** "D−3", "D+0", "D+14" (J in French). */
export function offsetShort(days: number, t: T): string {
  return t('offset.short', { sign: days < 0 ? '−' : '+', days: Math.abs(days) });
}

export const toneClass: Record<string, string> = {
  friendly: 'bg-emerald-50 text-emerald-900 ring-emerald-300',
  firm: 'bg-amber-50 text-amber-950 ring-amber-300',
  formal: 'bg-red-50 text-red-800 ring-red-300',
};
