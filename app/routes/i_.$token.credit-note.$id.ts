import type { LoaderFunctionArgs } from '@remix-run/node';
import { creditNoteFilename } from '~/modules/disputes/dispute-emails.server';
import { renderCreditNotePdf } from '~/modules/disputes/credit-note-pdf.server';
import { isUuid } from '~/modules/dunning/ids';
import { requireInvoiceForToken } from '~/modules/invoices/debtor-page.server';
import { db } from '~/utils/db.server';
import { pickLocale } from '~/utils/i18n';

/** A credit note on the link's invoice (an accepted dispute's), as a PDF; any other id is a 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { view } = await requireInvoiceForToken(request, params.token, context);
  if (!isUuid(params.id)) throw new Response(null, { status: 404 });
  const locale = pickLocale(request);
  const rendered = await renderCreditNotePdf(db(), params.id, { invoiceId: view.id }, locale);
  if (!rendered) throw new Response(null, { status: 404 });
  return new Response(new Uint8Array(rendered.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${creditNoteFilename(rendered.number, locale)}"`,
      'Cache-Control': 'no-store',
    },
  });
}
