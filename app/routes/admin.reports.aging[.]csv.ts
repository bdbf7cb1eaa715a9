import type { LoaderFunctionArgs } from '@remix-run/node';
import { adminReports } from '~/i18n/admin-reports';
import { agingCsv, parseSeparator } from '~/modules/reports/aging-csv';
import { agingReport, AGING_BUCKETS } from '~/modules/reports/aging.server';
import { db } from '~/utils/db.server';
import { pickLocale, translator } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

/** The whole aging report (every customer, every currency) as a CSV download. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const locale = pickLocale(request);
  const t = translator(locale, adminReports);
  const separator = parseSeparator(new URL(request.url).searchParams.get('sep'), locale);
  const report = await agingReport(db(), { businessId: user.businessId });
  const body = agingCsv(
    report,
    {
      customer: t('aging.customer'),
      currency: t('aging.currency'),
      buckets: Object.fromEntries(AGING_BUCKETS.map((b) => [b, t(`aging.bucket.${b}`)])) as Record<
        (typeof AGING_BUCKETS)[number],
        string
      >,
      total: t('aging.total'),
      invoices: t('aging.invoices'),
      allCustomers: t('aging.allCustomers'),
    },
    separator,
  );
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${t('aging.export.file')}-${report.asOf}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
}
