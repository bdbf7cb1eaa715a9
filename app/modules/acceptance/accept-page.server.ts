import { parseWithZod } from '@conform-to/zod/v4';
import type { SubmissionResult } from '@conform-to/react';
import { acceptance as copy } from '~/i18n/acceptance';
import type { InvoiceView } from '~/modules/invoices/types';
import { db } from '~/utils/db.server';
import { formatDateTime, translator, type Locale } from '~/utils/i18n';
import { findAcceptance } from './acceptance-pdf.server';
import { sha256Hex } from './evidence.server';
import { buildLetter, isSignable } from './letter.server';
import { signSchema } from './sign-form.server';
import { signAcceptance } from './sign-acceptance.server';

/** What the acceptance page shows: the signature if there is one, else the letter to sign (if it may be signed). */
export async function loadAcceptPage(view: InvoiceView, locale: Locale) {
  const signed = await findAcceptance(db(), { invoiceId: view.id });
  if (signed) {
    const a = signed.acceptance;
    return {
      state: 'signed' as const,
      letterText: a.letterText,
      letterSha256: null,
      signed: {
        at: formatDateTime(a.signedAt, locale, view.business.timeZone),
        name: a.signerName,
        role: a.signerRole,
        sha256: a.sha256,
      },
    };
  }
  const letter = await buildLetter(db(), view.id, locale);
  if (!letter || !isSignable(letter)) {
    return { state: 'not_requested' as const, letterText: null, letterSha256: null, signed: null };
  }
  return {
    state: 'to_sign' as const,
    letterText: letter.text,
    letterSha256: sha256Hex(letter.text),
    signed: null,
  };
}

export type AcceptActionResult =
  | { status: number; result: SubmissionResult<string[]>; redirectTo?: undefined }
  | { status: 302; redirectTo: string; result?: undefined };

/** Validates the signing form and signs; bad input answers 400 with messages beside the fields, nothing written. */
export async function runAcceptAction(
  form: FormData,
  view: InvoiceView,
  input: { locale: Locale; ip: string | null; userAgent: string | null; pageUrl: string },
): Promise<AcceptActionResult> {
  const t = translator(input.locale, copy);
  const submission = parseWithZod(form, { schema: signSchema(input.locale) });
  if (submission.status !== 'success') {
    return { status: 400, result: submission.reply({ formErrors: [t('accept.error.form')] }) };
  }
  const value = submission.value;
  const signed = await signAcceptance(db(), {
    invoiceId: view.id,
    locale: input.locale,
    signerName: value.signerName,
    signerRole: value.signerRole,
    signatureSvg: value.signatureSvg || null,
    letterSha256: value.letterSha256,
    ip: input.ip,
    userAgent: input.userAgent,
  });
  if (!signed.ok) {
    const message = t(
      signed.error === 'letter_changed' ? 'accept.error.letter_changed' : 'accept.error.not_signable',
    );
    return {
      status: signed.error === 'letter_changed' ? 409 : 400,
      result: submission.reply({ formErrors: [message] }),
    };
  }
  const url = new URL(input.pageUrl);
  url.search = '';
  url.searchParams.set('lang', input.locale);
  url.searchParams.set('signed', signed.alreadySigned ? 'already' : 'now');
  return { status: 302, redirectTo: `${url.pathname}${url.search}` };
}
