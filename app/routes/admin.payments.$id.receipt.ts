import type { LoaderFunctionArgs } from '@remix-run/node';
import { loadReceipt } from '~/modules/payments/receipt-data.server';
import { receiptPdf } from '~/modules/payments/receipt-pdf.server';
import { receiptPdfResponse } from '~/modules/payments/receipt-response.server';
import { logoBytes } from '~/modules/settings/logo.server';
import { db } from '~/utils/db.server';
import { isLocale } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

/** A payment's receipt as the customer got it (their language unless `?lang=` says otherwise). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const receipt = await loadReceipt(db(), params.id ?? '', { businessId: user.businessId });
  if (!receipt) throw new Response('Not found', { status: 404 });
  const lang = new URL(request.url).searchParams.get('lang');
  const pdf = await receiptPdf(receipt, isLocale(lang) ? lang : receipt.customerLocale, {
    logo: await logoBytes(db(), receipt.businessId),
  });
  return receiptPdfResponse(pdf, receipt.invoiceNumber);
}
