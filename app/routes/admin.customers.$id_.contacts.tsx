import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { ActionReply } from '~/components/admin/action-reply';
import { AdminErrorBoundary } from '~/components/admin/admin-error';
import { ContactForm } from '~/components/admin/contact-form';
import { adminTitle } from '~/components/admin/meta';
import { useSectionT } from '~/components/admin/section-t';
import { card, pageTitle, textLink } from '~/components/admin/ui';
import { useAdmin, useLangLink } from '~/components/admin/use-admin';
import { adminCustomerForm } from '~/i18n/admin-customer-form';
import { adminContacts } from '~/i18n/admin-customers';
import { requireAdminPost } from '~/modules/auth/admin-request.server';
import { loadContactsPage, runContactAction } from '~/modules/customers/contact-action.server';
import { CONTACT_ROLES } from '~/modules/customers/contact-roles';
import { pickLocale, translator } from '~/utils/i18n';
import { requireUser } from '~/utils/session.server';

export const meta: MetaFunction<typeof loader> = ({ matches, data }) =>
  adminTitle(matches, () => data?.title ?? '');

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const page = await loadContactsPage(user.businessId, params.id ?? '');
  if (!page) throw new Response('Not found', { status: 404 });
  const t = translator(pickLocale(request), adminCustomerForm);
  return { ...page, title: t('contacts.title', { name: page.customer.name }) };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, form, actor, locale } = await requireAdminPost(request, context);
  const { status, reply } = await runContactAction({
    businessId: user.businessId,
    customerId: params.id ?? '',
    form,
    actor,
    locale,
  });
  return data(reply, { status });
}

export const ErrorBoundary = AdminErrorBoundary;

export default function CustomerContacts() {
  const { customer, contacts } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { csrf } = useAdmin();
  const { t } = useSectionT(adminCustomerForm, adminContacts);
  const lang = useLangLink();
  const busy = useNavigation().state === 'submitting';
  const resultFor = (formId: string) => (reply?.formId === formId ? reply.result : undefined);
  return (
    <div className="space-y-5">
      <p>
        <Link to={lang(`/admin/customers/${customer.id}`)} className={`text-sm ${textLink}`}>
          ← {customer.name}
        </Link>
      </p>
      <h1 className={`${pageTitle} break-words`}>{t('contacts.title', { name: customer.name })}</h1>
      <section aria-labelledby="who-title" className={card}>
        <h2 id="who-title" className="text-sm font-semibold text-slate-900">
          {t('contacts.intro')}
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
          {CONTACT_ROLES.map((role) => (
            <li key={role}>{t(`contacts.who.${role}`)}</li>
          ))}
        </ul>
      </section>
      <ActionReply reply={reply} />
      {contacts.map((c) => (
        <section key={c.id} aria-labelledby={`contact-${c.id}-title`} className={card}>
          <h2 id={`contact-${c.id}-title`} className="mb-3 text-base font-semibold text-slate-900">
            {t('contacts.edit', { name: c.name })}
          </h2>
          {c.suppressed ? (
            <p className="mb-3 rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
              {t('contacts.suppressed')}
            </p>
          ) : null}
          <ContactForm
            key={`${c.id}-${c.email}-${c.roles.join()}`}
            contact={c}
            csrf={csrf}
            busy={busy}
            lastResult={resultFor(`contact-${c.id}`)}
            t={t}
          />
        </section>
      ))}
      <section aria-labelledby="add-contact-title" className={card}>
        <h2 id="add-contact-title" className="mb-3 text-base font-semibold text-slate-900">
          {t('contacts.add')}
        </h2>
        <ContactForm contact={null} csrf={csrf} busy={busy} lastResult={resultFor('contact-new')} t={t} />
      </section>
    </div>
  );
}
