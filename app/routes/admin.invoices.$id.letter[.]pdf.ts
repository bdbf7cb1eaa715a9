import type { LoaderFunctionArgs } from '@remix-run/node';
import { acceptanceFilename } from '~/modules/acceptance/acceptance-emails.server';
import { renderAcceptancePdf } from '~/modules/acceptance/acceptance-pdf.server';
import { findInvoiceForBusiness } from '~/modules/invoices/admin-invoice.server';
import { db } from '~/utils/db.server';
import { pickLocale } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

/** The signed acceptance letter of one of the business's invoices (the same PDF the customer gets). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const invoice = await findInvoiceForBusiness(db(), user.businessId, params.id ?? '');
  if (!invoice) throw new Response('Not found', { status: 404 });
  const locale = pickLocale(request);
  const rendered = await renderAcceptancePdf(db(), { invoiceId: invoice.id }, locale);
  if (!rendered) throw new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(rendered.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${acceptanceFilename(rendered.number, locale)}"`,
    },
  });
}
