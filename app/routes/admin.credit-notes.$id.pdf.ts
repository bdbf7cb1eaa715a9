import type { LoaderFunctionArgs } from '@remix-run/node';
import { creditNoteFilename } from '~/modules/disputes/dispute-emails.server';
import { renderCreditNotePdf } from '~/modules/disputes/credit-note-pdf.server';
import { isUuid } from '~/modules/dunning/ids';
import { db } from '~/utils/db.server';
import { pickLocale } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

/** One of the business's credit notes as a PDF. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!isUuid(params.id)) throw new Response('Not found', { status: 404 });
  const locale = pickLocale(request);
  const rendered = await renderCreditNotePdf(db(), params.id, { businessId: user.businessId }, locale);
  if (!rendered) throw new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(rendered.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${creditNoteFilename(rendered.number, locale)}"`,
    },
  });
}
