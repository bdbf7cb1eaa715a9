import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { adminUsers } from '~/i18n/admin-users';
import type { Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { translator, type Locale } from '~/utils/i18n';
import type { SessionUser } from '~/utils/session.server';
import { changeUserRole, type UserChangeResult } from './change-user-role.server';
import { inviteUser } from './invite-user.server';
import { revokeInvitation } from './revoke-invitation.server';
import { revokeUserSessions } from './revoke-sessions.server';
import { setUserDisabled } from './set-user-disabled.server';
import { inviteSchema } from './user-forms.server';

type Reply = {
  intent: string;
  ok: boolean;
  message: string;
  inviteUrl?: string;
  result?: SubmissionResult<string[]>;
};

/** The users page's actions (owner only: the route checks before calling). Returns the status and the reply. */
export async function runUserAction(
  db: Db,
  input: { user: SessionUser; form: FormData; actor: Actor; locale: Locale },
): Promise<{ status: number; reply: Reply }> {
  const { user, form, actor, locale } = input;
  const t = translator(locale, adminUsers);
  const intent = String(form.get('intent') ?? '');
  const userId = String(form.get('userId') ?? '');
  const businessId = user.businessId;
  const changeReply = (r: UserChangeResult, saved: string) =>
    r.ok
      ? { status: 200, reply: { intent, ok: true, message: t(r.changed ? saved : 'users.unchanged') } }
      : {
          status: r.error === 'not_found' ? 404 : 409,
          reply: {
            intent,
            ok: false,
            message: t(r.error === 'not_found' ? 'users.notFound' : 'users.lastOwner'),
          },
        };

  if (intent === 'invite') {
    const submission = parseWithZod(form, { schema: inviteSchema(locale) });
    if (submission.status !== 'success') {
      return { status: 400, reply: { intent, ok: false, message: '', result: submission.reply() } };
    }
    const outcome = await inviteUser(db, {
      businessId,
      email: submission.value.email,
      role: submission.value.role,
      inviter: { id: user.id, name: user.name },
      actor,
      locale,
    });
    if (!outcome.ok) {
      return {
        status: 409,
        reply: {
          intent,
          ok: false,
          message: '',
          result: submission.reply({ fieldErrors: { email: [t('invite.exists')] } }),
        },
      };
    }
    return {
      status: 200,
      reply: {
        intent,
        ok: true,
        message: t('invite.sent', { email: submission.value.email.toLowerCase() }),
        inviteUrl: outcome.url,
        result: submission.reply({ resetForm: true }),
      },
    };
  }
  if (intent === 'role') {
    const role = form.get('role');
    if (role !== 'owner' && role !== 'staff') {
      return { status: 400, reply: { intent, ok: false, message: t('role.invalid') } };
    }
    return changeReply(await changeUserRole(db, { businessId, userId, role, actor }), 'users.saved.role');
  }
  if (intent === 'disable' || intent === 'enable') {
    const disabled = intent === 'disable';
    const r = await setUserDisabled(db, { businessId, userId, disabled, actor });
    return changeReply(r, disabled ? 'users.saved.disabled' : 'users.saved.enabled');
  }
  if (intent === 'revoke-sessions') {
    const count = await revokeUserSessions(db, { businessId, userId, actor });
    return { status: 200, reply: { intent, ok: true, message: t('users.saved.revoked', { count }) } };
  }
  if (intent === 'revoke-invite') {
    const done = await revokeInvitation(db, {
      businessId,
      invitationId: String(form.get('invitationId') ?? ''),
      actor,
    });
    return {
      status: done ? 200 : 404,
      reply: { intent, ok: done, message: t(done ? 'invites.revoked' : 'users.unchanged') },
    };
  }
  return { status: 400, reply: { intent, ok: false, message: t('users.unchanged') } };
}
