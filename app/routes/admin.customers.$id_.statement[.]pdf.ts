import type { LoaderFunctionArgs } from '@remix-run/node';
import { businessBasics } from '~/modules/business/business-basics.server';
import { isUuid } from '~/modules/dunning/ids';
import { renderStatementPdf } from '~/modules/statements/statement-pdf.server';
import { todayIn } from '~/utils/dates';
import { db } from '~/utils/db.server';
import { pickLocale } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!isUuid(params.id ?? '')) throw new Response('Not found', { status: 404 });
  const basics = await businessBasics(db(), user.businessId);
  const today = todayIn(basics.timeZone);
  const pdf = await renderStatementPdf(db(), {
    businessId: user.businessId,
    customerId: params.id!,
    locale: pickLocale(request),
    today,
  });
  if (!pdf) throw new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="statement-${today}.pdf"`,
      'Cache-Control': 'no-store',
    },
  });
}
