import { eq } from 'drizzle-orm';
import { createElement } from 'react';
import InviteEmail, { inviteSubject } from '#emails/invite';
import PasswordResetEmail, { passwordResetSubject } from '#emails/password-reset';
import { renderEmail } from '#emails/render.server';
import { business } from '#db/schema/index';
import { senderFor } from '~/modules/email/sender.server';
import type { DbOrTx } from '~/utils/db.server';
import { queueEmail } from '~/utils/email.server';
import type { Locale } from '~/utils/i18n';

/** Emails that carry an account link (invitation, password reset): only owners may read them in the outbox. */
export const ACCOUNT_TEMPLATES = ['user-invite', 'password-reset'];

async function seller(tx: DbOrTx, businessId: string) {
  const [row] = await tx.select().from(business).where(eq(business.id, businessId));
  return row!;
}

export async function queueInviteEmail(
  tx: DbOrTx,
  input: {
    businessId: string;
    invitationId: string;
    to: string;
    inviterName: string;
    role: 'owner' | 'staff';
    url: string;
    expiresInDays: number;
    locale: Locale;
  },
): Promise<void> {
  const b = await seller(tx, input.businessId);
  const props = {
    locale: input.locale,
    businessName: b.name,
    logoUrl: b.logoUrl,
    inviterName: input.inviterName,
    role: input.role,
    url: input.url,
    expiresInDays: input.expiresInDays,
  };
  const { html, text } = await renderEmail(createElement(InviteEmail, props));
  await queueEmail(tx, {
    businessId: b.id,
    dedupeKey: `user-invite:${input.invitationId}`,
    template: 'user-invite',
    locale: input.locale,
    from: senderFor(b),
    replyTo: b.emailReplyTo ?? b.email,
    to: [input.to],
    subject: inviteSubject(props),
    html,
    text,
  });
}

export async function queuePasswordResetEmail(
  tx: DbOrTx,
  input: {
    businessId: string;
    resetId: string;
    to: string;
    name: string;
    url: string;
    expiresInMinutes: number;
    locale: Locale;
  },
): Promise<void> {
  const b = await seller(tx, input.businessId);
  const props = {
    locale: input.locale,
    businessName: b.name,
    logoUrl: b.logoUrl,
    name: input.name,
    url: input.url,
    expiresInMinutes: input.expiresInMinutes,
  };
  const { html, text } = await renderEmail(createElement(PasswordResetEmail, props));
  await queueEmail(tx, {
    businessId: b.id,
    dedupeKey: `password-reset:${input.resetId}`,
    template: 'password-reset',
    locale: input.locale,
    from: senderFor(b),
    to: [input.to],
    subject: passwordResetSubject(props),
    html,
    text,
  });
}
