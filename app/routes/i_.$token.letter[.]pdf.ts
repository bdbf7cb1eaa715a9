import type { LoaderFunctionArgs } from '@remix-run/node';
import { acceptanceFilename } from '~/modules/acceptance/acceptance-emails.server';
import { renderAcceptancePdf } from '~/modules/acceptance/acceptance-pdf.server';
import { requireInvoiceForToken } from '~/modules/invoices/debtor-page.server';
import { db } from '~/utils/db.server';
import { pickLocale } from '~/utils/i18n';

/** The signed acceptance letter of the link's invoice, with its evidence block; 404 while unsigned. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { view } = await requireInvoiceForToken(request, params.token, context, { allowDraft: true });
  const locale = pickLocale(request);
  const rendered = await renderAcceptancePdf(db(), { invoiceId: view.id }, locale);
  if (!rendered) throw new Response(null, { status: 404 });
  return new Response(new Uint8Array(rendered.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${acceptanceFilename(rendered.number, locale)}"`,
      'Cache-Control': 'no-store',
    },
  });
}
