/**
 * The rows the security suites aim at: two businesses, each with an owner, a staff member and one of everything a
 * route can name (invoice, payment, dispute, credit note, task, policy, outbox email, acceptance letter, statement
 * link, collection case, invitation, password reset, logo). Business B
 * is the stranger whose ids and tokens business A's users and debtors must never reach.
 */
import { and, eq, sql } from 'drizzle-orm';
import { creditNotes, emails, invoiceLines, passwordResets } from '#db/schema/index';
import { handToAgency } from '~/modules/collections/hand-to-agency.server';
import { openDispute } from '~/modules/disputes/open-dispute.server';
import { acceptDispute } from '~/modules/disputes/resolve-dispute.server';
import { ensureDefaultPolicy } from '~/modules/dunning/ensure-default-policy.server';
import { mintInvoiceLink } from '~/modules/links/mint-link.server';
import { saveLogo } from '~/modules/settings/logo.server';
import { mintStatementLink } from '~/modules/statements/statement-links.server';
import { createTask } from '~/modules/tasks/create-task.server';
import { db } from '~/utils/db.server';
import { addDaysIso, todayIn } from '~/utils/dates';
import { hashToken, newToken } from '~/utils/tokens.server';
import {
  createBusiness,
  createCustomer,
  createIssuedInvoice,
  createOverdueInvoice,
  createPartlyPaidInvoice,
  createUser,
} from '../factories';
import type { CreatedUser } from '../factories/user';
import { createDraftAwaitingAcceptance, createInvoiceToAccept, sign } from '../support/acceptance';
import { inviteUser } from '~/modules/users/invite-user.server';

export type Side = {
  businessId: string;
  owner: CreatedUser;
  staff: CreatedUser;
  customerId: string;
  /** An open invoice nobody disputes: pay, promise, plan, dispute forms. */
  open: { invoiceId: string; token: string; lineIds: string[] };
  /** Partly paid, with an open dispute and an accepted one's credit note on another invoice. */
  paid: { invoiceId: string; token: string; paymentId: string };
  disputed: { invoiceId: string; token: string; disputeId: string };
  credited: { invoiceId: string; token: string; creditNoteId: string };
  /** A draft whose acceptance letter waits for a signature. */
  draft: { invoiceId: string; token: string };
  /** Its acceptance letter signed: the letter PDFs. */
  signed: { invoiceId: string; token: string };
  taskId: string;
  policyId: string;
  emailId: string;
  /** An outbox email with an attachment (the credit note sent on accepting the dispute). */
  attachedEmailId: string;
  /** A live link to the customer's statement (/s/<token>). */
  statementToken: string;
  /** Overdue and not yet handed over: the hand-off form. */
  overdue: { invoiceId: string };
  /** Handed to a collection agency: the case file. */
  handed: { invoiceId: string };
  /** A pending invitation and a password-reset link (for a user of its own, so a reset logs nobody else out). */
  inviteToken: string;
  resetToken: string;
  /** The business's logo address: /logo/<businessId>/<version>. */
  logoVersion: string;
};

export type World = { a: Side; b: Side };

async function side(): Promise<Side> {
  const business = await createBusiness();
  const owner = await createUser(business.id, { role: 'owner' });
  const staff = await createUser(business.id, { role: 'staff' });
  const customer = await createCustomer(business.id);
  const on = { businessId: business.id, customerId: customer.id };

  const open = await createIssuedInvoice(on);
  const lines = await db()
    .select({ id: invoiceLines.id })
    .from(invoiceLines)
    .where(eq(invoiceLines.invoiceId, open.invoiceId));

  const paid = await createPartlyPaidInvoice(on);

  const disputed = await createIssuedInvoice(on);
  const opened = await openDispute(db(), {
    invoiceId: disputed.invoiceId,
    lineIds: [],
    reason: 'not_as_described',
    message: 'Les flyers sont arrivés abîmés.',
    actor: { type: 'debtor', ip: '203.0.113.9' },
  });
  if (!opened.ok) throw new Error(`openDispute: ${opened.error}`);

  const credited = await createIssuedInvoice(on);
  const toAccept = await openDispute(db(), {
    invoiceId: credited.invoiceId,
    lineIds: [],
    reason: 'not_as_described',
    message: 'Mauvaise quantité.',
    actor: { type: 'debtor' },
  });
  if (!toAccept.ok) throw new Error(`openDispute: ${toAccept.error}`);
  const accepted = await acceptDispute(db(), {
    businessId: business.id,
    disputeId: toAccept.disputeId,
    note: 'Avoir émis.',
    actor: { type: 'user', id: owner.id },
  });
  if (!accepted.ok) throw new Error(`acceptDispute: ${accepted.error}`);
  const [creditNote] = await db()
    .select({ id: creditNotes.id })
    .from(creditNotes)
    .where(eq(creditNotes.invoiceId, credited.invoiceId));

  const draft = await createDraftAwaitingAcceptance(on);
  const draftLink = await mintInvoiceLink(db(), draft.invoiceId);

  const signed = await createInvoiceToAccept(on);
  const signature = await sign(signed.invoiceId);
  if (!signature.ok) throw new Error('world: the letter could not be signed');

  const taskId = await db().transaction((tx) =>
    createTask(tx, {
      ...on,
      invoiceId: open.invoiceId,
      kind: 'call',
      title: 'Appeler le client',
      dueOn: todayIn('Europe/Paris'),
      dedupeKey: `security-${open.invoiceId}`,
    }),
  );
  const policyId = await ensureDefaultPolicy(db(), business.id);
  const [email] = await db()
    .select({ id: emails.id })
    .from(emails)
    .where(and(eq(emails.businessId, business.id), eq(emails.invoiceId, open.invoiceId)));
  const [attached] = await db()
    .select({ id: emails.id })
    .from(emails)
    .where(
      and(
        eq(emails.businessId, business.id),
        sql`jsonb_array_length(coalesce(${emails.attachments}, '[]')) > 0`,
      ),
    );
  if (!attached || !creditNote || !email) throw new Error('world: missing credit note or email');

  const statement = await mintStatementLink(db(), customer.id);
  const overdue = await createOverdueInvoice(20, on);
  const handed = await createOverdueInvoice(40, on);
  const handOff = await handToAgency(db(), {
    businessId: business.id,
    invoiceId: handed.invoiceId,
    agencyName: 'Recouvrement Sud',
    handedOn: addDaysIso(todayIn('Europe/Paris'), -1),
    amountMinor: 1000,
    actor: { type: 'user', id: owner.id },
  });
  if (!handOff.ok) throw new Error(`handToAgency: ${handOff.error}`);
  const invited = await inviteUser(db(), {
    businessId: business.id,
    email: `invited-${newToken().slice(0, 10).toLowerCase()}@atelier.test`,
    role: 'staff',
    inviter: { id: owner.id, name: owner.name },
    actor: { type: 'user', id: owner.id },
    locale: 'fr',
  });
  if (!invited.ok) throw new Error(`inviteUser: ${invited.error}`);
  const forgetful = await createUser(business.id, { role: 'staff' });
  const resetToken = newToken();
  await db()
    .insert(passwordResets)
    .values({
      userId: forgetful.id,
      tokenHash: hashToken(resetToken),
      expiresAt: new Date(Date.now() + 3_600_000),
    });
  const logoUrl = await saveLogo(db(), {
    businessId: business.id,
    bytes: PNG,
    contentType: 'image/png',
    actor: { type: 'user', id: owner.id },
  });

  return {
    businessId: business.id,
    owner,
    staff,
    customerId: customer.id,
    open: { invoiceId: open.invoiceId, token: open.token, lineIds: lines.map((l) => l.id) },
    paid: { invoiceId: paid.invoiceId, token: paid.token, paymentId: paid.paymentId },
    disputed: { invoiceId: disputed.invoiceId, token: disputed.token, disputeId: opened.disputeId },
    credited: { invoiceId: credited.invoiceId, token: credited.token, creditNoteId: creditNote.id },
    draft: { invoiceId: draft.invoiceId, token: draftLink.token },
    signed: { invoiceId: signed.invoiceId, token: signed.token },
    taskId,
    policyId,
    emailId: email.id,
    attachedEmailId: attached.id,
    statementToken: statement.token,
    overdue: { invoiceId: overdue.invoiceId },
    handed: { invoiceId: handed.invoiceId },
    inviteToken: invited.url.slice(invited.url.lastIndexOf('/') + 1),
    resetToken,
    logoVersion: logoUrl.slice(logoUrl.lastIndexOf('/') + 1),
  };
}

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export async function createWorld(): Promise<World> {
  return { a: await side(), b: await side() };
}

/** Every bearer secret the world minted: none may ever show in a log line. */
export function worldTokens(world: World): string[] {
  return [world.a, world.b].flatMap((s) => [
    s.open.token,
    s.paid.token,
    s.disputed.token,
    s.credited.token,
    s.draft.token,
    s.signed.token,
    s.statementToken,
    s.inviteToken,
    s.resetToken,
  ]);
}
