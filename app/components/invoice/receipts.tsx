import type { InvoiceView } from '~/modules/invoices/types';
import { formatDateTime, type Locale, type T } from '~/utils/i18n';
import { money } from './format';

/** Every payment received, each with its receipt as a PDF. */
export function Receipts({
  view,
  token,
  locale,
  t,
}: {
  view: InvoiceView;
  token: string;
  locale: Locale;
  t: T;
}) {
  if (!view.receipts.length) return null;
  return (
    <div className="mt-6">
      <h3 className="text-sm font-semibold text-slate-900">{t('receipts.title')}</h3>
      <ul className="mt-2 divide-y divide-slate-100 text-sm">
        {view.receipts.map((r) => (
          <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
            <span className="text-slate-700">
              {formatDateTime(r.receivedAt, locale, view.business.timeZone)} ·{' '}
              <span className="font-medium tabular-nums text-slate-900">
                {money(r.amountMinor, view.currency, locale)}
              </span>
            </span>
            <a
              href={`/i/${token}/receipt/${r.id}?lang=${locale}`}
              download
              className="font-medium text-brand-700 underline underline-offset-2"
            >
              {t('receipts.download')}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
