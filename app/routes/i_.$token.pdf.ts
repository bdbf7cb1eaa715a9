import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireInvoiceForToken } from '~/modules/invoices/debtor-page.server';
import { renderInvoicePdf } from '~/modules/invoices/invoice-pdf.server';
import { logoBytes } from '~/modules/settings/logo.server';
import { db } from '~/utils/db.server';
import { pickLocale } from '~/utils/i18n';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { view, today } = await requireInvoiceForToken(request, params.token, context);
  const logo = view.business.logoUrl ? await logoBytes(db(), view.businessId) : null;
  const pdf = await renderInvoicePdf(view, pickLocale(request), { today, logo });
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${view.number.replace(/[^\w.-]/g, '_')}.pdf"`,
      'Cache-Control': 'no-store',
    },
  });
}
