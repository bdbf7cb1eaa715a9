import type { LoaderFunctionArgs } from '@remix-run/node';
import { renderStatementPdf } from '~/modules/statements/statement-pdf.server';
import { requireStatementForToken } from '~/modules/statements/statement-page.server';
import { db } from '~/utils/db.server';
import { pickLocale } from '~/utils/i18n';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { customer, today } = await requireStatementForToken(request, params.token, context);
  const locale = pickLocale(request);
  const pdf = await renderStatementPdf(db(), {
    businessId: customer.businessId,
    customerId: customer.customerId,
    locale,
    today,
  });
  if (!pdf) throw new Response(null, { status: 404 });
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${locale === 'fr' ? 'releve' : 'statement'}-${today}.pdf"`,
      'Cache-Control': 'no-store',
    },
  });
}
