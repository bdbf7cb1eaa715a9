import { getFormProps, useForm } from '@conform-to/react';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ActionReply } from '~/components/admin/action-reply';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { DisputeStatusBadge } from '~/components/admin/dispute-status-badge';
import { sectionTitle, useSectionT } from '~/components/admin/section-t';
import {
  card,
  dangerButton,
  pageTitle,
  primaryButton,
  secondaryButton,
  textLink,
} from '~/components/admin/ui';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { CheckboxField, CsrfInput, FormErrors, TextareaField } from '~/components/forms/field';
import { money } from '~/components/invoice/format';
import { adminDisputes } from '~/i18n/admin-disputes';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { businessBasics } from '~/modules/business/business-basics.server';
import {
  runAdminDisputeAction,
  type AdminDisputeReply,
} from '~/modules/disputes/admin-dispute-action.server';
import { loadDisputeForAdmin } from '~/modules/disputes/dispute-context.server';
import { db } from '~/utils/db.server';
import { formatDateTime, type T } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction = ({ matches }) => sectionTitle(matches, [adminDisputes], 'disputes.title');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const loaded = await loadDisputeForAdmin(db(), user.businessId, params.id ?? '');
  if (!loaded) throw new Response('Not found', { status: 404 });
  return { ...loaded, timeZone: (await businessBasics(db(), user.businessId)).timeZone };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, context);
  const { status, reply } = await runAdminDisputeAction({
    businessId: user.businessId,
    disputeId: params.id ?? '',
    actor,
    locale,
    form,
  });
  return data(reply, { status });
}

export const ErrorBoundary = AdminErrorBoundary;

export default function DisputePage() {
  const { thread, invoice, acceptance, timeZone } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { locale, t } = useSectionT(adminDisputes);
  const lang = useLangLink();
  const { csrf } = useAdmin();
  const when = (iso: string) => formatDateTime(iso, locale, timeZone);
  const m = (minor: number) => money(minor, invoice.currency, locale);
  const open = thread.status === 'waiting_for_us' || thread.status === 'waiting_for_them';

  return (
    <div className="space-y-5">
      <p>
        <Link to={lang('/admin/disputes')} className={`text-sm ${textLink}`}>
          ← {t('dispute.detail.back')}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className={pageTitle}>{t('dispute.detail.title', { number: invoice.number ?? '' })}</h1>
        <DisputeStatusBadge status={thread.status} t={t} />
      </div>
      <ActionReply reply={reply} />
      <div className="grid items-start gap-5 lg:grid-cols-3">
        <div className="space-y-5 lg:col-span-2">
          <section aria-labelledby="summary-title" className={card}>
            <h2 id="summary-title" className="text-base font-semibold text-slate-900">
              {t('dispute.detail.summary')}
            </h2>
            <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-3 text-sm">
              <div>
                <dt className="text-slate-600">{t('dispute.detail.customer')}</dt>
                <dd className="font-semibold text-slate-900">{invoice.customerName}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('dispute.detail.invoice')}</dt>
                <dd>
                  <Link to={lang(`/admin/invoices/${invoice.id}`)} className={textLink}>
                    {invoice.number}
                  </Link>
                </dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('disputes.col.reason')}</dt>
                <dd className="font-medium text-slate-900">{t(`disputes.reason.${thread.reason}`)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('disputes.col.amount')}</dt>
                <dd className="font-semibold tabular-nums text-slate-900">{m(thread.amountMinor)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('dispute.detail.opened')}</dt>
                <dd className="text-slate-900">{when(thread.openedAt)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('dispute.detail.scope')}</dt>
                <dd className="text-slate-900">
                  {thread.lines.length
                    ? t('disputes.scope.lines', { lines: thread.lines.map((l) => l.description).join(' ; ') })
                    : t('disputes.scope.invoice')}
                </dd>
              </div>
            </dl>
            {thread.creditNote ? (
              <p className="mt-4 text-sm text-slate-900">
                {t('dispute.detail.creditNote', {
                  number: thread.creditNote.number,
                  amount: m(thread.creditNote.amountMinor),
                })}{' '}
                <a
                  href={`/admin/credit-notes/${thread.creditNote.id}/pdf?lang=${locale}`}
                  className={textLink}
                >
                  {t('dispute.detail.creditNote.pdf')}
                </a>
              </p>
            ) : null}
            {!open && thread.resolvedAt ? (
              <p className="mt-3 text-sm text-slate-700">
                {t('dispute.closed', { date: when(thread.resolvedAt) })}
              </p>
            ) : null}
          </section>

          <section aria-labelledby="thread-title" className={card}>
            <h2 id="thread-title" className="text-base font-semibold text-slate-900">
              {t('dispute.detail.thread')}
            </h2>
            <ol className="mt-4 space-y-3">
              {thread.messages.map((msg) => (
                <li
                  key={msg.id}
                  className={`rounded-xl border px-4 py-3 text-sm ${msg.author === 'debtor' ? 'mr-8 border-amber-200 bg-amber-50/50' : 'ml-8 border-slate-200 bg-slate-50'}`}
                >
                  <p className="text-slate-600">
                    <span className="font-semibold text-slate-900">
                      {msg.author === 'debtor' ? invoice.customerName : (msg.authorName ?? '—')}
                    </span>{' '}
                    · <time dateTime={msg.createdAt}>{when(msg.createdAt)}</time>
                    {msg.kind ? <> · {t(`dispute.detail.kind.${msg.kind}`)}</> : null}
                    {msg.attachesAcceptance ? <> · {t('dispute.detail.attached')}</> : null}
                  </p>
                  <p className="mt-1 whitespace-pre-line break-words text-slate-900">{msg.body}</p>
                </li>
              ))}
            </ol>
          </section>

          {open ? (
            <>
              <MessageForm intent="reply" csrf={csrf} reply={reply} t={t} />
              <section aria-labelledby="resolve-title" className={card}>
                <h2 id="resolve-title" className="text-base font-semibold text-slate-900">
                  {t('dispute.resolve.title')}
                </h2>
                <div className="mt-4 grid gap-6 md:grid-cols-2">
                  <MessageForm
                    intent="accept"
                    csrf={csrf}
                    reply={reply}
                    t={t}
                    hint={t('dispute.accept.hint', { amount: m(thread.amountMinor) })}
                  />
                  <MessageForm
                    intent="reject"
                    csrf={csrf}
                    reply={reply}
                    t={t}
                    canAttach={Boolean(acceptance)}
                  />
                </div>
              </section>
            </>
          ) : null}
        </div>

        <aside aria-labelledby="letter-title" className={card}>
          <h2 id="letter-title" className="text-base font-semibold text-slate-900">
            {t('dispute.detail.letter')}
          </h2>
          {acceptance ? (
            <>
              <p className="mt-2 text-sm text-slate-800">
                {t('dispute.detail.letter.signed', {
                  date: when(acceptance.signedAt),
                  name: acceptance.signerName,
                  role: acceptance.signerRole,
                })}
              </p>
              <p className="mt-2 break-all font-mono text-xs text-slate-600">SHA-256 {acceptance.sha256}</p>
              <p className="mt-3">
                <a
                  href={`/admin/invoices/${invoice.id}/letter.pdf?lang=${locale}`}
                  className={secondaryButton}
                >
                  {t('dispute.detail.letter.pdf')}
                </a>
              </p>
            </>
          ) : (
            <p className="mt-2 text-sm text-slate-700">{t('dispute.detail.letter.none')}</p>
          )}
        </aside>
      </div>
    </div>
  );
}

function MessageForm({
  intent,
  csrf,
  reply,
  t,
  hint,
  canAttach,
}: {
  intent: 'reply' | 'accept' | 'reject';
  csrf: string;
  reply: AdminDisputeReply | undefined;
  t: T;
  hint?: string;
  canAttach?: boolean;
}) {
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm<{ body: string; attachAcceptance: string }>({
    id: `dispute-${intent}`,
    lastResult: reply?.intent === intent ? reply.result : undefined,
    shouldValidate: 'onSubmit',
    defaultValue: intent === 'accept' ? { body: t('dispute.accept.note.default') } : undefined,
  });
  const labels = {
    reply: ['dispute.reply.title', 'dispute.reply.body', 'dispute.reply.submit', primaryButton],
    accept: ['dispute.accept.title', 'dispute.accept.note', 'dispute.accept.submit', primaryButton],
    reject: ['dispute.reject.title', 'dispute.reject.body', 'dispute.reject.submit', dangerButton],
  }[intent];
  const Wrapper = intent === 'reply' ? 'section' : 'div';
  return (
    <Wrapper aria-labelledby={`${intent}-title`} className={intent === 'reply' ? card : undefined}>
      <h3
        id={`${intent}-title`}
        className={
          intent === 'reply'
            ? 'text-base font-semibold text-slate-900'
            : 'text-sm font-semibold text-slate-900'
        }
      >
        {t(labels[0]!)}
      </h3>
      {(hint ?? (intent === 'reject' ? t('dispute.reject.hint') : null)) ? (
        <p className="mt-1 text-sm text-slate-700">{hint ?? t('dispute.reject.hint')}</p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-3">
        <CsrfInput value={csrf} />
        <input type="hidden" name="intent" value={intent} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField meta={fields.body} label={t(labels[1]!)} textareaProps={{ rows: 4 }} />
        {intent === 'reject' && canAttach ? (
          <CheckboxField meta={fields.attachAcceptance} label={t('dispute.reject.attach')} />
        ) : null}
        <button type="submit" className={labels[3]} disabled={busy}>
          {t(labels[2]!)}
        </button>
      </Form>
    </Wrapper>
  );
}
