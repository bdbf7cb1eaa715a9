import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { ReactNode } from 'react';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { adminTitle } from '~/components/admin/meta';
import { card, pageTitle, textLink } from '~/components/admin/ui';
import { useAdminT, useLangLink } from '~/components/admin/use-admin';
import { businessBasics } from '~/modules/business/business-basics.server';
import { getOutboxEmail } from '~/modules/email/list-outbox.server';
import { ACCOUNT_TEMPLATES } from '~/modules/users/account-emails.server';
import { db } from '~/utils/db.server';
import { formatDateTime } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminTitle(matches, (t) => data?.email.subject ?? t('outbox.title'));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const email = await getOutboxEmail(db(), user.businessId, params.id ?? '');
  // Invitation and reset emails carry a live account link: staff must not be able to read another user's.
  if (!email || (ACCOUNT_TEMPLATES.includes(email.template) && user.role !== 'owner')) {
    throw new Response('Not found', { status: 404 });
  }
  const { html: _html, createdAt, sentAt, ...rest } = email;
  const { timeZone } = await businessBasics(db(), user.businessId);
  return {
    email: { ...rest, createdAt: createdAt.toISOString(), sentAt: sentAt?.toISOString() ?? null },
    timeZone,
  };
}

export const ErrorBoundary = AdminErrorBoundary;

/** Web addresses in the plain-text part become links; everything else stays text. */
function linkify(text: string): ReactNode[] {
  return text.split(/(https?:\/\/[^\s<>"')\]]+)/g).map((part, i) =>
    i % 2 ? (
      <a key={i} href={part} className="break-all text-brand-700 underline underline-offset-2">
        {part}
      </a>
    ) : (
      part
    ),
  );
}

export default function OutboxEmail() {
  const { email, timeZone } = useLoaderData<typeof loader>();
  const { locale, t } = useAdminT();
  const lang = useLangLink();
  const when = (at: string) => formatDateTime(at, locale, timeZone);
  const template = t(`template.${email.template}`);
  const rows: [string, ReactNode][] = [
    [t('outbox.from'), email.fromAddress],
    ...(email.replyTo ? [[t('outbox.replyTo'), email.replyTo] as [string, ReactNode]] : []),
    [t('outbox.to'), email.to.join(', ')],
    ...(email.cc.length ? [[t('outbox.ccLabel'), email.cc.join(', ')] as [string, ReactNode]] : []),
    [t('outbox.subject'), email.subject],
    [t('outbox.date'), <time dateTime={email.createdAt}>{when(email.createdAt)}</time>],
    ...(email.sentAt
      ? [
          [t('outbox.sentAt'), <time dateTime={email.sentAt}>{when(email.sentAt)}</time>] as [
            string,
            ReactNode,
          ],
        ]
      : []),
    [t('outbox.col.template'), template === `template.${email.template}` ? email.template : template],
    [t('outbox.status'), t(`email.${email.status}`)],
    ...(email.attachments?.length
      ? [
          [
            t('outbox.attachments'),
            <ul className="space-y-1">
              {email.attachments.map((a, i) => (
                <li key={`${a.kind}:${a.refId}`}>
                  <a href={`/admin/outbox/${email.id}/attachments/${i}`} className={textLink} download>
                    {a.filename}
                  </a>
                </li>
              ))}
            </ul>,
          ] as [string, ReactNode],
        ]
      : []),
    ...(email.invoiceId
      ? [
          [
            t('outbox.invoice'),
            <Link to={lang(`/admin/invoices/${email.invoiceId}`)} className={textLink}>
              {email.invoiceNumber ?? t('list.draftNumber')}
            </Link>,
          ] as [string, ReactNode],
        ]
      : []),
  ];

  return (
    <div className="space-y-5">
      <p>
        <Link to={lang('/admin/outbox')} className={`text-sm ${textLink}`}>
          ← {t('outbox.back')}
        </Link>
      </p>
      <h1 className={`${pageTitle} break-words`}>{email.subject}</h1>
      <section aria-label={t('outbox.title')} className={card}>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-slate-600">{label}</dt>
              <dd className="break-words font-medium text-slate-900">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="html-title" className={card}>
        <h2 id="html-title" className="text-base font-semibold text-slate-900">
          {t('outbox.html')}
        </h2>
        <iframe
          src={`/admin/outbox/${email.id}/html`}
          sandbox=""
          title={t('outbox.htmlFrame', { subject: email.subject })}
          className="mt-3 h-[640px] w-full rounded-lg border border-slate-200 bg-slate-50"
        />
      </section>
      <section aria-labelledby="text-title" className={card}>
        <h2 id="text-title" className="text-base font-semibold text-slate-900">
          {t('outbox.text')}
        </h2>
        <pre className="mt-3 overflow-x-auto whitespace-pre-wrap break-words rounded-lg bg-slate-50 p-4 font-mono text-xs leading-relaxed text-slate-800">
          {linkify(email.text)}
        </pre>
      </section>
    </div>
  );
}
