import { adminDunning } from '~/i18n/admin-dunning';
import { businessBasics } from '~/modules/business/business-basics.server';
import type { DbOrTx } from '~/utils/db.server';
import { todayIn } from '~/utils/dates';
import { isLocale, translator, type Locale } from '~/utils/i18n';
import { findPolicy } from './policies.server';
import { BODY_MAX, stepFormSchema, SUBJECT_MAX } from './policy-form.server';
import { listSteps } from './policy-steps.server';
import { messageDocument, previewDocument } from './preview-document.server';
import { previewInvoices, renderStepPreview } from './step-preview.server';
import { DUNNING_CHANNELS, DUNNING_TONES, type ReminderStep } from './types';

/**
 * The frame's headers, as for the outbox's stored emails: the HTML carries what users typed, so no script, no
 * request but images, framed only by our own pages, and sandboxed even when opened directly.
 */
export function previewResponse(html: string, status = 200): Response {
  return new Response(html, {
    status,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy':
        "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'; frame-ancestors 'self'; sandbox",
      'X-Frame-Options': 'SAMEORIGIN',
      'Cache-Control': 'no-store',
    },
  });
}

type Values = Omit<ReminderStep, 'id'>;
const FIELD_LABELS: Record<string, [string, string]> = {
  offsetDays: ['step.offset', ''],
  channel: ['step.channel', ''],
  tone: ['step.tone', ''],
  subjectFr: ['step.subject', 'FR'],
  bodyFr: ['step.body', 'FR'],
  subjectEn: ['step.subject', 'EN'],
  bodyEn: ['step.body', 'EN'],
};

/**
 * Reads a step from the editor's form as leniently as a preview can (a half-typed step still previews) and lists
 * what saving it would refuse, in the user's language.
 */
export function stepFromForm(form: FormData, ui: Locale): { step: Values; problems: string[] } {
  const text = (name: string, max: number) => String(form.get(name) ?? '').slice(0, max + 1000);
  const raw = {
    offsetDays: String(form.get('offsetDays') ?? ''),
    channel: String(form.get('channel') ?? ''),
    tone: String(form.get('tone') ?? ''),
    subjectFr: text('subjectFr', SUBJECT_MAX),
    bodyFr: text('bodyFr', BODY_MAX),
    subjectEn: text('subjectEn', SUBJECT_MAX),
    bodyEn: text('bodyEn', BODY_MAX),
  };
  const parsed = stepFormSchema(ui).safeParse(raw);
  const t = translator(ui, adminDunning);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const [key, suffix] = FIELD_LABELS[String(issue.path[0])] ?? ['', ''];
        const label = key ? `${t(key)}${suffix ? ` (${suffix})` : ''}` : '';
        return label ? `${label} — ${issue.message}` : issue.message;
      });
  const offset = Number.parseInt(raw.offsetDays, 10);
  const step: Values = {
    offsetDays: Number.isInteger(offset) && Math.abs(offset) <= 1000 ? offset : 0,
    channel: (DUNNING_CHANNELS as readonly string[]).includes(raw.channel)
      ? (raw.channel as Values['channel'])
      : 'email',
    tone: (DUNNING_TONES as readonly string[]).includes(raw.tone) ? (raw.tone as Values['tone']) : 'friendly',
    subjectFr: raw.subjectFr.trim(),
    bodyFr: raw.bodyFr.trim(),
    subjectEn: raw.subjectEn.trim(),
    bodyEn: raw.bodyEn.trim(),
  };
  return { step, problems };
}

type RenderInput = {
  businessId: string;
  policyId: string;
  ui: Locale;
  invoiceId: string | null;
  previewLang: unknown;
  /** The step to show: typed values from the editor, a saved step's id, or nothing yet. */
  step: { values: Values; problems: string[] } | { id: string | null };
};

/** The preview frame's response for one step on one invoice; a one-sentence page when there is nothing to show. */
export async function renderPreviewResponse(db: DbOrTx, input: RenderInput): Promise<Response> {
  const t = translator(input.ui, adminDunning);
  const policy = await findPolicy(db, input.businessId, input.policyId);
  if (!policy) return previewResponse(messageDocument(t('result.policy.notFound'), input.ui), 404);
  let values: Values | undefined;
  let problems: string[] = [];
  if ('values' in input.step) {
    values = input.step.values;
    problems = input.step.problems;
  } else if (input.step.id) {
    values = (await listSteps(db, policy.id)).find((s) => s.id === (input.step as { id: string }).id);
  }
  if (!values) return previewResponse(messageDocument(t('preview.placeholder'), input.ui));
  let invoiceId = input.invoiceId;
  if (!invoiceId) {
    const today = todayIn((await businessBasics(db, input.businessId)).timeZone);
    invoiceId = (await previewInvoices(db, input.businessId, today))[0]?.id ?? null;
  }
  if (!invoiceId) return previewResponse(messageDocument(t('preview.none'), input.ui));
  const locale = isLocale(input.previewLang) ? input.previewLang : input.ui;
  const preview = await renderStepPreview(db, {
    businessId: input.businessId,
    invoiceId,
    locale,
    step: values,
  });
  if (!preview) return previewResponse(messageDocument(t('preview.invoiceGone'), input.ui), 404);
  return previewResponse(previewDocument(preview, { channel: values.channel, problems, ui: input.ui }));
}
