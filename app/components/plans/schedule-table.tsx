import { money } from '~/components/invoice/format';
import { formatDate, type Locale, type T } from '~/utils/i18n';

type Part = { seq: number; dueDate: string; amountMinor: number; status?: string };

/** A plan's parts: number, date, amount (and state, once the plan exists), with the total. */
export function ScheduleTable(props: {
  caption: string;
  parts: Part[];
  currency: string;
  today: string;
  locale: Locale;
  t: T;
}) {
  const { caption, parts, currency, today, locale, t } = props;
  const withStatus = parts.some((p) => p.status);
  const total = parts.reduce((a, p) => a + p.amountMinor, 0);
  return (
    <table className="mt-3 w-full text-left text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead className="text-slate-600">
        <tr>
          <th scope="col" className="py-1.5 pr-3 font-medium">
            {t('plan.col.part')}
          </th>
          <th scope="col" className="py-1.5 pr-3 font-medium">
            {t('plan.col.date')}
          </th>
          <th scope="col" className="py-1.5 pr-3 text-right font-medium">
            {t('plan.col.amount')}
          </th>
          {withStatus ? (
            <th scope="col" className="py-1.5 font-medium">
              {t('plan.col.status')}
            </th>
          ) : null}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-200 border-y border-slate-200 text-slate-900">
        {parts.map((p) => (
          <tr key={p.seq}>
            <td className="py-2 pr-3">{t('plan.part.n', { n: p.seq, total: parts.length })}</td>
            <td className="py-2 pr-3">
              {formatDate(p.dueDate, locale)}
              {p.dueDate === today && !p.status ? ` (${t('plan.today')})` : ''}
            </td>
            <td className="py-2 pr-3 text-right tabular-nums">{money(p.amountMinor, currency, locale)}</td>
            {withStatus ? (
              <td className={`py-2 ${p.status === 'failed' ? 'font-semibold text-red-800' : ''}`}>
                {t(`plan.status.${p.status}`)}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr className="font-semibold text-slate-900">
          <th scope="row" colSpan={2} className="py-2 pr-3 text-left">
            {t('plan.total')}
          </th>
          <td className="py-2 pr-3 text-right tabular-nums">{money(total, currency, locale)}</td>
          {withStatus ? <td /> : null}
        </tr>
      </tfoot>
    </table>
  );
}
