import type { TimelineEntry } from '~/modules/invoices/invoice-timeline.server';
import { formatDateTime, type Locale, type T } from '~/utils/i18n';
import { money } from '~/components/invoice/format';

function label(entry: TimelineEntry, t: T): string {
  if (entry.type === 'invoice.viewed' && entry.count > 1)
    return t('event.invoice.viewed.many', { count: entry.count });
  if (entry.type === 'link.rotated' && entry.data.emailed) return t('event.link.rotated.emailed');
  const key = `event.${entry.type}`;
  const text = t(key);
  return text === key ? t('event.unknown', { type: entry.type }) : text;
}

function detail(entry: TimelineEntry, currency: string, locale: Locale, t: T): string | null {
  const d = entry.data;
  switch (entry.type) {
    case 'invoice.issued':
      return Array.isArray(d.emailedTo) && d.emailedTo.length
        ? t('event.invoice.issued.detail', { to: d.emailedTo.join(', ') })
        : null;
    case 'payment.recorded':
      return typeof d.amountMinor === 'number'
        ? t('event.payment.recorded.detail', {
            amount: money(d.amountMinor, currency, locale),
            method: t(`method.${String(d.method)}`),
          })
        : null;
    case 'payment.receipt_emailed':
      return typeof d.amountMinor === 'number' && Array.isArray(d.emailedTo)
        ? t('event.payment.receipt_emailed.detail', {
            amount: money(d.amountMinor, currency, locale),
            to: d.emailedTo.join(', '),
          })
        : null;
    case 'acceptance.signed':
      return t('event.acceptance.signed.detail', { name: String(d.signerName), role: String(d.signerRole) });
    case 'dispute.opened':
      return typeof d.amountMinor === 'number'
        ? t('event.dispute.detail', {
            reason: t(`disputes.reason.${String(d.reason)}`),
            amount: money(d.amountMinor, currency, locale),
          })
        : null;
    case 'dispute.accepted':
      return typeof d.creditNote === 'string' && typeof d.amountMinor === 'number'
        ? t('event.dispute.accepted.detail', {
            number: d.creditNote,
            amount: money(d.amountMinor, currency, locale),
          })
        : null;
    case 'invoice.handed_to_agency':
      return typeof d.amountMinor === 'number'
        ? t('event.invoice.handed_to_agency.detail', {
            agency: String(d.agencyName),
            amount: money(d.amountMinor, currency, locale),
          })
        : null;
    case 'invoice.voided':
      return typeof d.reason === 'string' ? t('event.invoice.voided.detail', { reason: d.reason }) : null;
    case 'invoice.written_off':
      return typeof d.reason === 'string' && typeof d.balanceMinor === 'number'
        ? t('event.invoice.written_off.detail', {
            amount: money(d.balanceMinor, currency, locale),
            reason: d.reason,
          })
        : null;
    case 'reminder.sent':
    case 'reminder.skipped': {
      if (typeof d.offsetDays !== 'number') return null;
      const step = t('event.reminder.step', {
        offset: d.offsetDays > 0 ? `+${d.offsetDays}` : String(d.offsetDays),
        channel: t(`event.reminder.channel.${String(d.channel)}`),
      });
      return entry.type === 'reminder.skipped' && typeof d.reason === 'string'
        ? `${step} — ${t(`event.reminder.reason.${d.reason}`)}`
        : step;
    }
    default:
      // Stripe's payment steps (succeeded, refunded, chargeback...) say how much.
      return entry.type.startsWith('payment.') && typeof d.amountMinor === 'number'
        ? money(d.amountMinor, currency, locale)
        : null;
  }
}

function actor(entry: TimelineEntry, t: T): string {
  if (entry.actorType === 'user') return t('actor.user', { name: entry.actorName ?? '?' });
  if (entry.actorType === 'debtor') return t('actor.debtor');
  if (entry.actorType === 'system') return t('actor.system');
  return entry.actorType === 'stripe' ? 'Stripe' : 'Resend';
}

/** What happened to the invoice, newest first. */
export function Timeline({
  entries,
  currency,
  timeZone,
  locale,
  t,
}: {
  entries: TimelineEntry[];
  currency: string;
  timeZone: string;
  locale: Locale;
  t: T;
}) {
  if (!entries.length) return <p className="mt-3 text-sm text-slate-700">{t('detail.timeline.empty')}</p>;
  return (
    <ol className="mt-4 space-y-0">
      {entries.map((entry, i) => {
        const extra = detail(entry, currency, locale, t);
        return (
          <li key={entry.id} className="relative flex gap-3 pb-5 last:pb-0">
            {i < entries.length - 1 ? (
              <span aria-hidden className="absolute left-[5px] top-4 h-full w-px bg-slate-200" />
            ) : null}
            <span
              aria-hidden
              className="relative mt-1.5 h-[11px] w-[11px] shrink-0 rounded-full border-2 border-brand-600 bg-white"
            />
            <div className="min-w-0 text-sm">
              <p className="font-medium text-slate-900">{label(entry, t)}</p>
              {extra ? <p className="break-words text-slate-700">{extra}</p> : null}
              <p className="text-xs text-slate-600">
                <time dateTime={entry.at}>{formatDateTime(entry.at, locale, timeZone)}</time> ·{' '}
                {actor(entry, t)}
              </p>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
