import type { FieldMetadata } from '@conform-to/react';
import { Link } from '@remix-run/react';
import { Field } from '~/components/forms/field';
import { PASSWORD_MIN } from '~/modules/users/password-rules';
import type { T } from '~/utils/i18n';
import { AccountShell } from './account-shell';
import { textLink } from './ui';

/** The new password and its confirmation, as the invitation and the password reset ask for them. */
export function NewPasswordFields({
  fields,
  t,
}: {
  fields: { password: FieldMetadata<string>; confirm: FieldMetadata<string> };
  t: T;
}) {
  return (
    <>
      <Field
        meta={fields.password}
        type="password"
        label={t('password.new')}
        hint={t('password.hint', { min: PASSWORD_MIN })}
        inputProps={{ autoComplete: 'new-password', required: true, minLength: PASSWORD_MIN }}
      />
      <Field
        meta={fields.confirm}
        type="password"
        label={t('password.confirm')}
        inputProps={{ autoComplete: 'new-password', required: true }}
      />
    </>
  );
}

/** What a signed-out page says for a one-time link that is unknown, used or expired, and where to go instead. */
export function InvalidLinkCard(props: { title: string; message: string; linkTo: string; linkText: string }) {
  return (
    <AccountShell title={props.title}>
      <p className="mt-2 text-sm text-slate-700">{props.message}</p>
      <p className="mt-4 text-sm">
        <Link to={props.linkTo} className={textLink}>
          {props.linkText}
        </Link>
      </p>
    </AccountShell>
  );
}
