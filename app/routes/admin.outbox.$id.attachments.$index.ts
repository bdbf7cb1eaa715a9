import type { LoaderFunctionArgs } from '@remix-run/node';
import { renderAttachment } from '~/modules/email/attachments.server';
import { getOutboxEmail } from '~/modules/email/list-outbox.server';
import { db } from '~/utils/db.server';
import { isLocale } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

/** One attachment of an outbox email, rendered now as it was (or will be) sent: same kind, record and language. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const email = await getOutboxEmail(db(), user.businessId, params.id ?? '');
  const attachment = email?.attachments?.[Number(params.index)];
  if (!email || !attachment || !/^\d+$/.test(params.index ?? ''))
    throw new Response('Not found', { status: 404 });
  const locale = isLocale(email.locale) ? email.locale : 'fr';
  const content = await renderAttachment(db(), attachment, user.businessId, locale);
  if (!content) throw new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(content), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${attachment.filename.replace(/[^\w.-]/g, '_')}"`,
      'Cache-Control': 'no-store',
    },
  });
}
