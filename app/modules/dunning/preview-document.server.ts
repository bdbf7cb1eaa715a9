import { adminDunning } from '~/i18n/admin-dunning';
import { formatDate, translator, type Locale } from '~/utils/i18n';
import type { StepPreview } from './step-preview.server';
import type { DunningChannel } from './types';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const bar =
  'font-family:system-ui,-apple-system,Segoe UI,Roboto,Arial,sans-serif;background:#ffffff;color:#0f172a;' +
  'border-bottom:1px solid #e2e8f0;padding:12px 16px;font-size:14px;line-height:1.45';

/**
 * The preview frame's document: a header like a mail client's (when, for which invoice, subject, what the channel
 * does, what to fix) above the email exactly as rendered. Everything typed is escaped; the email's own HTML comes
 * from the renderer.
 */
export function previewDocument(
  preview: StepPreview,
  opts: { channel: DunningChannel; problems: string[]; ui: Locale },
): string {
  const t = translator(opts.ui, adminDunning);
  const note =
    opts.channel === 'call_task' || opts.channel === 'collections_task'
      ? t('preview.task')
      : opts.channel === 'letter'
        ? t('preview.letter')
        : null;
  const header = [
    `<div style="${bar}">`,
    `<p style="margin:0;font-size:12px;color:#475569">${escape(
      t('preview.sendOn', {
        date: formatDate(preview.sendOn, opts.ui),
        number: preview.invoice.number,
        customer: preview.invoice.customerName,
      }),
    )}</p>`,
    `<p style="margin:4px 0 0"><strong>${escape(t('preview.subject'))}</strong> <span data-preview="subject">${escape(preview.subject)}</span></p>`,
    note ? `<p style="margin:6px 0 0;color:#334155">${escape(note)}</p>` : '',
    opts.problems.length
      ? `<div role="alert" style="margin:8px 0 0;padding:8px 10px;border:1px solid #fca5a5;background:#fef2f2;color:#991b1b;border-radius:6px"><strong>${escape(
          t('preview.problems'),
        )}</strong><ul style="margin:4px 0 0;padding-left:18px">${opts.problems
          .map((p) => `<li>${escape(p)}</li>`)
          .join('')}</ul></div>`
      : '',
    '</div>',
  ].join('');
  const html = preview.html;
  if (/<body[^>]*>/i.test(html)) return html.replace(/<body[^>]*>/i, (open) => `${open}${header}`);
  return `<!DOCTYPE html><html lang="${opts.ui}"><head><meta charset="utf-8"><title>${escape(preview.subject)}</title></head><body style="margin:0;background:#f8fafc">${header}<div style="padding:16px;font-family:system-ui,sans-serif;font-size:15px;line-height:1.5;color:#1f2933;background:#fff">${html}</div></body></html>`;
}

/** A page with one sentence, for the frame before any preview or when the invoice is gone. */
export function messageDocument(text: string, ui: Locale): string {
  return `<!DOCTYPE html><html lang="${ui}"><head><meta charset="utf-8"><title>${escape(text)}</title></head><body style="margin:0;display:flex;min-height:90vh;align-items:center;justify-content:center;font-family:system-ui,sans-serif;color:#475569;font-size:14px;padding:16px;text-align:center">${escape(text)}</body></html>`;
}
