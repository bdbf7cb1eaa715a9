import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireInvoiceForToken } from '~/modules/invoices/debtor-page.server';
import { receiptPdfResponse } from '~/modules/payments/receipt-response.server';
import { renderReceiptPdf } from '~/modules/payments/receipt-pdf.server';
import { pickLocale } from '~/utils/i18n';

/** The receipt of one succeeded payment of the link's invoice; any other payment id gets the same 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { view } = await requireInvoiceForToken(request, params.token, context);
  const pdf = await renderReceiptPdf(params.paymentId ?? '', pickLocale(request), {
    scope: { invoiceId: view.id },
  });
  if (!pdf) throw new Response(null, { status: 404 });
  return receiptPdfResponse(pdf, view.number);
}
