import { getFormProps, getTextareaProps, useForm } from '@conform-to/react';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react';
import { DebtorShell, debtorButton, debtorCard } from '~/components/debtor/debtor-shell';
import { CsrfInput, ErrorList, FormErrors, inputClass } from '~/components/forms/field';
import { money } from '~/components/invoice/format';
import { disputes } from '~/i18n/disputes';
import { loadDisputePage, runDisputeAction } from '~/modules/disputes/dispute-page.server';
import { DISPUTE_REASONS } from '~/modules/disputes/reasons';
import { requireInvoiceForToken } from '~/modules/invoices/debtor-page.server';
import { csrfToken, requireCsrf } from '~/utils/csrf.server';
import { readForm } from '~/utils/form.server';
import { formatDateTime, pickLocale, translator, type Locale, type T } from '~/utils/i18n';
import { consume, limits } from '~/utils/rate-limit.server';

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { view } = await requireInvoiceForToken(request, params.token, context);
  const locale = pickLocale(request);
  const page = await loadDisputePage(view);
  const csrf = csrfToken(request);
  return data(
    {
      ...page,
      locale,
      number: view.number,
      status: view.status,
      currency: view.currency,
      balanceMinor: view.balanceMinor,
      timeZone: view.business.timeZone,
      business: { name: view.seller.name, logoUrl: view.business.logoUrl },
      csrf: csrf.token,
    },
    { headers: csrf.setCookie ? { 'Set-Cookie': csrf.setCookie } : undefined },
  );
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { view } = await requireInvoiceForToken(request, params.token, context);
  if (!(await consume(limits.debtorPost(), context.clientIp))) throw new Response(null, { status: 429 });
  const form = await readForm(request);
  requireCsrf(request, form);
  const { status, reply } = await runDisputeAction(form, view, {
    locale: pickLocale(request),
    ip: context.clientIp,
    userAgent: request.headers.get('user-agent'),
  });
  return data(reply, { status });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => {
  if (!data) return [{ title: 'Acquit' }];
  const t = translator(data.locale, disputes);
  return [
    {
      title: `${t(data.thread ? 'dispute.title.thread' : 'dispute.title', { number: data.number })} — ${data.business.name}`,
    },
  ];
};

type Page = ReturnType<typeof useLoaderData<typeof loader>>;

export default function DisputePage() {
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { token } = useParams();
  const t = translator(page.locale, disputes);
  const base = `/i/${token}`;
  const m = (minor: number) => money(minor, page.currency, page.locale);
  const thread = page.thread;
  const open = thread && (thread.status === 'waiting_for_us' || thread.status === 'waiting_for_them');

  return (
    <DebtorShell
      business={page.business}
      locale={page.locale}
      t={t}
      back={{ href: `${base}?lang=${page.locale}`, label: t('dispute.back') }}
    >
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
        {t(thread ? 'dispute.title.thread' : 'dispute.title', { number: page.number })}
      </h1>
      {reply?.ok && reply.message ? (
        <p
          role="status"
          className="rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm font-medium text-emerald-900"
        >
          {reply.message}
        </p>
      ) : null}

      {reply &&
      !reply.ok &&
      !((reply.intent === 'open' && page.canOpen) || (reply.intent === 'message' && open)) ? (
        <p
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 px-4 py-3 text-sm font-medium text-red-800"
        >
          {reply.result?.error?.['']?.join(' ') ?? reply.message}
        </p>
      ) : null}
      {!thread && !page.canOpen ? (
        <p className="rounded-2xl border border-slate-300 bg-slate-100 p-5 text-slate-800">
          {t(
            page.status === 'paid'
              ? 'dispute.error.not_open.paid'
              : page.status === 'open'
                ? 'dispute.error.nothing_due'
                : 'dispute.error.not_open',
          )}
        </p>
      ) : null}
      {thread ? (
        <>
          <section
            aria-labelledby="state-title"
            className={`${debtorCard} ${open ? 'border-amber-300' : ''}`}
          >
            <h2 id="state-title" className="text-sm font-semibold uppercase tracking-wide text-slate-600">
              {t('dispute.state')}
            </h2>
            <p className="mt-2 text-lg font-semibold text-slate-900">
              {t(`dispute.state.${thread.status}`, { business: page.business.name })}
            </p>
            <p className="mt-1 text-slate-700">
              {open
                ? t('dispute.state.detail.open', { amount: m(thread.amountMinor) })
                : thread.status === 'accepted'
                  ? t('dispute.state.detail.accepted', {
                      business: page.business.name,
                      credit: thread.creditNote?.number ?? '',
                      amount: m(thread.creditNote?.amountMinor ?? 0),
                    })
                  : t('dispute.state.detail.rejected', { amount: m(thread.amountMinor) })}
            </p>
            <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-slate-600">{t('dispute.summary.reason')}</dt>
                <dd className="font-medium text-slate-900">{t(`dispute.reason.${thread.reason}`)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('dispute.summary.amount')}</dt>
                <dd className="font-medium tabular-nums text-slate-900">{m(thread.amountMinor)}</dd>
              </div>
              <div>
                <dt className="text-slate-600">{t('dispute.summary.scope')}</dt>
                <dd className="font-medium text-slate-900">
                  {thread.lines.length
                    ? thread.lines.map((l) => l.description).join(' ; ')
                    : t('dispute.summary.scope.invoice')}
                </dd>
              </div>
            </dl>
            {thread.creditNote ? (
              <p className="mt-4">
                <a
                  className="font-medium text-brand-700 underline underline-offset-2"
                  href={`${base}/credit-note/${thread.creditNote.id}?lang=${page.locale}`}
                >
                  {t('dispute.creditNote', { number: thread.creditNote.number })}
                </a>
              </p>
            ) : null}
          </section>
          <Thread page={page} t={t} base={base} />
          {open ? <ReplyForm page={page} t={t} reply={reply} /> : null}
        </>
      ) : null}

      {page.canOpen ? <OpenForm page={page} t={t} reply={reply} /> : null}
    </DebtorShell>
  );
}

function Thread({ page, t, base }: { page: Page; t: T; base: string }) {
  const thread = page.thread!;
  return (
    <section aria-labelledby="thread-title" className={debtorCard}>
      <h2 id="thread-title" className="text-lg font-semibold text-slate-900">
        {t('dispute.thread')}
      </h2>
      <ol className="mt-4 space-y-4">
        {thread.messages.map((msg) => (
          <li
            key={msg.id}
            className={`rounded-xl border px-4 py-3 ${msg.author === 'debtor' ? 'ml-6 border-slate-200 bg-slate-50' : 'mr-6 border-slate-300 bg-white'}`}
          >
            <p className="text-sm text-slate-600">
              <span className="font-semibold text-slate-900">
                {msg.author === 'debtor' ? t('dispute.author.debtor') : page.business.name}
              </span>{' '}
              ·{' '}
              <time dateTime={msg.createdAt}>
                {formatDateTime(msg.createdAt, page.locale, page.timeZone)}
              </time>
              {msg.kind === 'accepted' || msg.kind === 'rejected' ? (
                <>
                  {' '}
                  · <span className="font-semibold">{t(`dispute.kind.${msg.kind}`)}</span>
                </>
              ) : null}
            </p>
            <p className="mt-1 whitespace-pre-line break-words text-slate-900">{msg.body}</p>
            {msg.attachesAcceptance ? (
              <p className="mt-2 text-sm">
                <a
                  className="font-medium text-brand-700 underline underline-offset-2"
                  href={`${base}/letter.pdf?lang=${page.locale}`}
                >
                  {t('dispute.attachment')}
                </a>
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

type Reply = ReturnType<typeof useActionData<typeof action>>;

function ReplyForm({ page, t, reply }: { page: Page; t: T; reply: Reply }) {
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm<{ body: string }>({
    id: 'reply',
    lastResult: reply?.intent === 'message' ? reply.result : undefined,
    shouldValidate: 'onSubmit',
  });
  const { key, ...body } = getTextareaProps(fields.body, { ariaAttributes: true });
  return (
    <section aria-labelledby="reply-title" className={debtorCard}>
      <h2 id="reply-title" className="text-lg font-semibold text-slate-900">
        {t('dispute.reply')}
      </h2>
      <Form method="post" {...getFormProps(form)} className="mt-3 space-y-4">
        <CsrfInput value={page.csrf} />
        <input type="hidden" name="intent" value="message" />
        <input type="hidden" name="disputeId" value={page.thread!.id} />
        <FormErrors id={form.errorId} errors={form.errors} />
        <div>
          <label htmlFor={fields.body.id} className="block text-sm font-medium text-slate-800">
            {t('dispute.reply.label')}
          </label>
          <textarea key={key} {...body} rows={4} className={`mt-1 ${inputClass}`} />
          <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
        </div>
        <button type="submit" className={debtorButton} disabled={busy}>
          {t('dispute.reply.submit')}
        </button>
      </Form>
    </section>
  );
}

function OpenForm({ page, t, reply }: { page: Page; t: T; reply: Reply }) {
  const busy = useNavigation().state === 'submitting';
  const [form, fields] = useForm<{ scope: string; lineIds: string[]; reason: string; message: string }>({
    id: 'open',
    lastResult: reply?.intent === 'open' ? reply.result : undefined,
    shouldValidate: 'onSubmit',
  });
  const { key, ...message } = getTextareaProps(fields.message, { ariaAttributes: true });
  const m = (minor: number) => money(minor, page.currency, page.locale as Locale);
  const chosen = fields.lineIds.initialValue;
  const chosenIds = Array.isArray(chosen) ? chosen : chosen ? [chosen] : [];
  const group = (errors: string[] | undefined, id: string) => (errors?.length ? id : undefined);
  const hintId = `${fields.message.id}-hint`;
  return (
    <section aria-labelledby="open-title" className={debtorCard}>
      <h2 id="open-title" className="text-lg font-semibold text-slate-900">
        {page.thread ? t('dispute.new') : t('dispute.title', { number: page.number })}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('dispute.intro', { business: page.business.name })}</p>
      <Form method="post" {...getFormProps(form)} className="mt-4 space-y-5">
        <CsrfInput value={page.csrf} />
        <input type="hidden" name="intent" value="open" />
        <FormErrors id={form.errorId} errors={form.errors} />
        <fieldset aria-describedby={group(fields.scope.errors, fields.scope.errorId)}>
          <legend className="text-sm font-medium text-slate-800">{t('dispute.scope')}</legend>
          <div className="mt-2 space-y-2">
            {(['invoice', 'lines'] as const).map((value) => (
              <label key={value} className="flex items-center gap-2 text-slate-900">
                <input
                  type="radio"
                  name={fields.scope.name}
                  value={value}
                  defaultChecked={(fields.scope.initialValue ?? 'invoice') === value}
                  className="h-4 w-4 accent-brand-700"
                />
                {value === 'invoice'
                  ? t('dispute.scope.invoice', { amount: m(page.balanceMinor) })
                  : t('dispute.scope.lines')}
              </label>
            ))}
          </div>
          <ErrorList id={fields.scope.errorId} errors={fields.scope.errors} />
        </fieldset>
        <fieldset
          aria-describedby={[
            `${fields.lineIds.id}-hint`,
            group(fields.lineIds.errors, fields.lineIds.errorId),
          ]
            .filter(Boolean)
            .join(' ')}
        >
          <legend className="text-sm font-medium text-slate-800">{t('dispute.lines')}</legend>
          <p id={`${fields.lineIds.id}-hint`} className="mt-0.5 text-xs text-slate-600">
            {t('dispute.lines.hint')}
          </p>
          <div className="mt-2 space-y-2">
            {page.lines.map((line) => (
              <label key={line.id} className="flex items-start gap-2 text-slate-900">
                <input
                  type="checkbox"
                  name={fields.lineIds.name}
                  value={line.id}
                  defaultChecked={chosenIds.includes(line.id)}
                  className="mt-1 h-4 w-4 shrink-0 accent-brand-700"
                />
                <span>
                  {t('dispute.line', { description: line.description, amount: m(line.totalMinor) })}
                </span>
              </label>
            ))}
          </div>
          <ErrorList id={fields.lineIds.errorId} errors={fields.lineIds.errors} />
        </fieldset>
        <fieldset aria-describedby={group(fields.reason.errors, fields.reason.errorId)}>
          <legend className="text-sm font-medium text-slate-800">{t('dispute.reason')}</legend>
          <div className="mt-2 grid gap-2 sm:grid-cols-2">
            {DISPUTE_REASONS.map((r) => (
              <label key={r} className="flex items-center gap-2 text-slate-900">
                <input
                  type="radio"
                  name={fields.reason.name}
                  value={r}
                  defaultChecked={fields.reason.initialValue === r}
                  className="h-4 w-4 accent-brand-700"
                />
                {t(`dispute.reason.${r}`)}
              </label>
            ))}
          </div>
          <ErrorList id={fields.reason.errorId} errors={fields.reason.errors} />
        </fieldset>
        <div>
          <label htmlFor={fields.message.id} className="block text-sm font-medium text-slate-800">
            {t('dispute.message')}
          </label>
          <p id={hintId} className="mt-0.5 text-xs text-slate-600">
            {t('dispute.message.hint', { max: page.messageMax })}
          </p>
          <textarea
            key={key}
            {...message}
            aria-describedby={[hintId, message['aria-describedby']].filter(Boolean).join(' ')}
            rows={5}
            className={`mt-1 ${inputClass}`}
          />
          <ErrorList id={fields.message.errorId} errors={fields.message.errors} />
        </div>
        <button type="submit" className={debtorButton} disabled={busy}>
          {t('dispute.submit')}
        </button>
      </Form>
    </section>
  );
}
