import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { renderPreviewResponse, stepFromForm } from '~/modules/dunning/preview-request.server';
import { db } from '~/utils/db.server';
import { pickLocale } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

/** The frame's first document: a saved step (?step=) on an invoice (?invoice=, else the most overdue). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const url = new URL(request.url);
  return renderPreviewResponse(db(), {
    businessId: user.businessId,
    policyId: params.policyId ?? '',
    ui: pickLocale(request),
    invoiceId: url.searchParams.get('invoice'),
    previewLang: url.searchParams.get('previewLang'),
    step: { id: url.searchParams.get('step') },
  });
}

/**
 * The step as typed in the editor, posted into the frame (a form can be longer than a URL may be). A POST that
 * writes nothing, CSRF-checked like every other.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form, locale } = await requireAdminPost(request, context);
  const { step, problems } = stepFromForm(form, locale);
  const invoice = form.get('previewInvoiceId');
  return renderPreviewResponse(db(), {
    businessId: user.businessId,
    policyId: params.policyId ?? '',
    ui: locale,
    invoiceId: typeof invoice === 'string' && invoice ? invoice : null,
    previewLang: form.get('previewLang'),
    step: { values: step, problems },
  });
}
