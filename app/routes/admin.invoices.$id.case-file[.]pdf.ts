import type { LoaderFunctionArgs } from '@remix-run/node';
import { caseFilePdf, caseFileFilename } from '~/modules/collections/case-file-pdf.server';
import { loadCaseFile } from '~/modules/collections/case-file.server';
import { db } from '~/utils/db.server';
import { pickLocale } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

/** The invoice's collection case file as one PDF, in the admin's language (`?lang=` to choose). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const file = await loadCaseFile(db(), user.businessId, params.id ?? '');
  if (!file) throw new Response('Not found', { status: 404 });
  const locale = pickLocale(request);
  const pdf = await caseFilePdf(file, locale);
  return new Response(new Uint8Array(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${caseFileFilename(file.invoice.number!, locale)}"`,
      'Cache-Control': 'no-store',
    },
  });
}
