/** What happens to the demo invoices after they are issued: the dispute threads and the reminder ladders. */
import { and, eq } from 'drizzle-orm';
import { invoiceLines, invoices, promises, tasks, users } from '#db/schema/index';
import { recordEvent } from '~/modules/audit/record-event.server';
import { handToAgency } from '~/modules/collections/hand-to-agency.server';
import { openDispute } from '~/modules/disputes/open-dispute.server';
import { rejectDispute } from '~/modules/disputes/resolve-dispute.server';
import { recordOfflinePayment } from '~/modules/payments/record-offline-payment.server';
import { logCallOutcome } from '~/modules/tasks/log-call-outcome.server';
import type { Db } from '~/utils/db.server';
import { addDaysIso } from '~/utils/dates';

/** The demo's dispute threads (seed 001, step 5): answered at once, settled fairly. */
export const demoDisputes = {
  open: {
    reason: 'not_as_described' as const,
    messages: [
      { author: 'debtor' as const, body: 'Le lambris posé est plus foncé que l’échantillon validé en mars.' },
      {
        author: 'business' as const,
        body: 'Merci de nous l’avoir signalé. Pouvez-vous nous envoyer une photo à la lumière du jour ? Nous passons vérifier jeudi.',
      },
    ],
  },
  accepted: {
    reason: 'wrong_amount' as const,
    message: 'Les trois portes étaient au forfait de 600 € HT d’après le devis.',
    answer: 'Vous avez raison, le devis faisait foi : voici l’avoir pour la différence.',
  },
};

type SeedStep = {
  offsetDays: number;
  channel: 'email' | 'call_task' | 'letter' | 'collections_task';
  tone: 'friendly' | 'firm' | 'formal';
  subjectFr: string;
  bodyFr: string;
  subjectEn: string;
  bodyEn: string;
};

/**
 * A tighter ladder for the customer who always pays late (the seeds: "30 days only for those who earned it"):
 * a week's notice before the due date, the day before, the day after, a call at 8 days, penalties at 15, formal
 * notice at 30 and collections at 45. The demo gives it to the Brasserie du Port.
 */
export const chronicLatePayerPolicy: { name: string; customer: string; steps: SeedStep[] } = {
  name: 'Clients à risque',
  customer: 'brasserie',
  steps: [
    {
      offsetDays: -7,
      channel: 'email',
      tone: 'friendly',
      subjectFr: 'Facture {{invoice_number}} : échéance le {{due_date}}',
      bodyFr:
        'Bonjour {{customer_name}},\n\nPetit rappel : la facture {{invoice_number}} de {{amount_due}} arrive à échéance le {{due_date}}. Vous pouvez la régler dès maintenant depuis le lien ci-dessous, ou nous dire si quelque chose bloque.',
      subjectEn: 'Invoice {{invoice_number}}: due on {{due_date}}',
      bodyEn:
        'Hello {{customer_name}},\n\nA quick reminder: invoice {{invoice_number}} for {{amount_due}} is due on {{due_date}}. You can pay it now from the link below, or tell us if anything is holding it up.',
    },
    {
      offsetDays: -1,
      channel: 'email',
      tone: 'friendly',
      subjectFr: 'Facture {{invoice_number}} : échéance demain',
      bodyFr:
        'Bonjour {{customer_name}},\n\nLa facture {{invoice_number}} de {{amount_due}} arrive à échéance demain, le {{due_date}}. Le lien ci-dessous permet de la payer par carte, prélèvement ou virement.',
      subjectEn: 'Invoice {{invoice_number}}: due tomorrow',
      bodyEn:
        'Hello {{customer_name}},\n\nInvoice {{invoice_number}} for {{amount_due}} is due tomorrow, {{due_date}}. The link below lets you pay by card, direct debit or transfer.',
    },
    {
      offsetDays: 1,
      channel: 'email',
      tone: 'firm',
      subjectFr: 'Facture {{invoice_number}} échue hier',
      bodyFr:
        'Bonjour {{customer_name}},\n\nLa facture {{invoice_number}} de {{amount_due}} était payable hier, le {{due_date}}, et reste impayée. Merci de la régler aujourd’hui depuis le lien ci-dessous, ou de nous indiquer une date de paiement.',
      subjectEn: 'Invoice {{invoice_number}} was due yesterday',
      bodyEn:
        'Hello {{customer_name}},\n\nInvoice {{invoice_number}} for {{amount_due}} was due yesterday, {{due_date}}, and is still unpaid. Please pay it today from the link below, or tell us when you will.',
    },
    {
      offsetDays: 4,
      channel: 'email',
      tone: 'firm',
      subjectFr: 'Relance : facture {{invoice_number}}, {{days_late}} jours de retard',
      bodyFr:
        'Bonjour {{customer_name}},\n\nNous n’avons toujours pas reçu le règlement de la facture {{invoice_number}} ({{amount_due}}), en retard de {{days_late}} jours. Sans paiement ou réponse de votre part, nous vous appellerons dans quelques jours.',
      subjectEn: 'Reminder: invoice {{invoice_number}}, {{days_late}} days late',
      bodyEn:
        'Hello {{customer_name}},\n\nWe still have not received payment of invoice {{invoice_number}} ({{amount_due}}), now {{days_late}} days late. Without payment or a reply, we will call you in a few days.',
    },
    {
      offsetDays: 8,
      channel: 'call_task',
      tone: 'firm',
      subjectFr: 'Appeler {{customer_name}} : facture {{invoice_number}}, {{days_late}} jours de retard',
      bodyFr:
        'Client coutumier des retards : demander pourquoi la facture n’est pas réglée, obtenir une date ferme et l’enregistrer comme promesse.',
      subjectEn: 'Call {{customer_name}}: invoice {{invoice_number}}, {{days_late}} days late',
      bodyEn:
        'A habitual late payer: ask why the invoice is unpaid, get a firm date and record it as a promise.',
    },
    {
      offsetDays: 15,
      channel: 'email',
      tone: 'firm',
      subjectFr: 'Facture {{invoice_number}} : pénalités de retard applicables',
      bodyFr:
        'Bonjour {{customer_name}},\n\nLa facture {{invoice_number}} de {{amount_due}} est en retard de {{days_late}} jours. Conformément à nos conditions et à l’article L441-10 du Code de commerce, des pénalités de retard courent ({{penalties_total}} à ce jour), en plus de l’indemnité forfaitaire de recouvrement. Réglez dès aujourd’hui pour en arrêter le cours.',
      subjectEn: 'Invoice {{invoice_number}}: late-payment penalties apply',
      bodyEn:
        'Hello {{customer_name}},\n\nInvoice {{invoice_number}} for {{amount_due}} is {{days_late}} days late. Under our terms and article L441-10 of the French Commercial Code, late-payment penalties are accruing ({{penalties_total}} to date), on top of the fixed recovery indemnity. Pay today to stop them.',
    },
    {
      offsetDays: 30,
      channel: 'letter',
      tone: 'formal',
      subjectFr: 'Mise en demeure de payer : facture {{invoice_number}}',
      bodyFr:
        'Madame, Monsieur,\n\nMalgré nos relances, la facture {{invoice_number}} de {{amount_due}}, échue le {{due_date}}, demeure impayée. Nous vous mettons en demeure de la régler avant le {{notice_deadline}}, pénalités de retard et indemnité forfaitaire de recouvrement en sus. À défaut, le dossier sera confié à notre agence de recouvrement. La lettre de mise en demeure est jointe à ce message.',
      subjectEn: 'Formal notice to pay: invoice {{invoice_number}}',
      bodyEn:
        'Dear Sir or Madam,\n\nDespite our reminders, invoice {{invoice_number}} for {{amount_due}}, due on {{due_date}}, remains unpaid. We formally require you to pay it before {{notice_deadline}}, plus late-payment penalties and the fixed recovery indemnity. Failing that, the case will go to our collection agency. The formal notice letter is attached.',
    },
    {
      offsetDays: 45,
      channel: 'collections_task',
      tone: 'formal',
      subjectFr: 'Transmettre la facture {{invoice_number}} ({{customer_name}}) au recouvrement',
      bodyFr:
        'La mise en demeure est restée sans effet : constituer le dossier (facture, bon de livraison signé, relances) et le confier à l’agence.',
      subjectEn: 'Hand invoice {{invoice_number}} ({{customer_name}}) to collections',
      bodyEn:
        'The formal notice went unanswered: build the case file (invoice, signed delivery note, reminders) and hand it to the agency.',
    },
  ],
};

/** How far back the demo replays the reminder sweep, in days: far enough for the oldest invoice's whole ladder. */
export const reminderHistoryDays = 110;

/**
 * Issue 8's demo collections case: the Librairie's shelves, 95 days late on the default ladder (so reminded up to
 * the formal notice and the collections task), with its letter signed on delivery. Added once the reminder history
 * is in place: the call's notes, a promise made on the phone and broken, a part payment, a dispute rejected citing
 * the signed letter, then the hand-off to an agency. Its case file has every section.
 */
export const demoCollectionsCase = {
  line: 'Rayonnages chêne, 12 travées',
  callNotes:
    'Joint M. Vidal : trésorerie tendue après l’inventaire, propose un virement partiel puis le solde.',
  promiseNote: 'Solde promis au téléphone pour la fin du mois.',
  payment: 50_000,
  dispute: 'Deux travées ont été livrées avec une semaine de retard : nous contestons la facture.',
  rejection:
    'La lettre d’acceptation signée à la livraison atteste que les douze travées ont été livrées conformes. Le montant reste dû.',
  agency: 'Recouvrement Rhône-Alpes',
};

export async function seedCollectionsCase(db: Db, businessId: string, today: string) {
  const c = demoCollectionsCase;
  const [row] = await db
    .select({ invoice: invoices })
    .from(invoices)
    .innerJoin(invoiceLines, and(eq(invoiceLines.invoiceId, invoices.id), eq(invoiceLines.position, 1)))
    .where(and(eq(invoices.businessId, businessId), eq(invoiceLines.description, c.line)));
  if (!row) return;
  const invoice = row.invoice;
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.businessId, businessId));
  const staff = { type: 'user' as const, id: owner!.id };
  const debtor = { type: 'debtor' as const, ip: '198.51.100.41', userAgent: 'Mozilla/5.0 (demo)' };
  const scope = { businessId, invoiceId: invoice.id, customerId: invoice.customerId };

  const [call] = await db
    .select({ id: tasks.id })
    .from(tasks)
    .where(and(eq(tasks.invoiceId, invoice.id), eq(tasks.kind, 'call'), eq(tasks.status, 'open')));
  if (call) {
    await logCallOutcome(db, {
      businessId,
      taskId: call.id,
      actor: staff,
      today,
      reached: true,
      notes: c.callNotes,
    });
  }
  await db.transaction(async (tx) => {
    const [promise] = await tx
      .insert(promises)
      .values({
        invoiceId: invoice.id,
        promisedDate: addDaysIso(invoice.dueDate, 30),
        reason: 'cash_flow',
        note: c.promiseNote,
        source: 'staff',
        recordedBy: owner!.id,
        status: 'broken',
        createdAt: new Date(`${addDaysIso(invoice.dueDate, 16)}T09:30:00Z`),
        resolvedAt: new Date(`${addDaysIso(invoice.dueDate, 31)}T08:00:00Z`),
      })
      .returning({ id: promises.id });
    await recordEvent(tx, {
      ...scope,
      type: 'promise.broken',
      actor: { type: 'system' },
      data: { promiseId: promise!.id, promisedDate: addDaysIso(invoice.dueDate, 30) },
    });
  });
  await recordOfflinePayment(db, {
    businessId,
    invoiceId: invoice.id,
    amountMinor: c.payment,
    method: 'bank_transfer',
    receivedOn: addDaysIso(invoice.dueDate, 26),
    reference: `VIR PARTIEL ${invoice.number}`,
    actor: staff,
  });
  const opened = await openDispute(db, {
    invoiceId: invoice.id,
    lineIds: [],
    reason: 'not_as_described',
    message: c.dispute,
    actor: debtor,
  });
  if (opened.ok) {
    await rejectDispute(db, {
      businessId,
      disputeId: opened.disputeId,
      reply: c.rejection,
      attachAcceptance: true,
      actor: staff,
    });
  }
  const [left] = await db
    .select({ total: invoices.totalMinor })
    .from(invoices)
    .where(eq(invoices.id, invoice.id));
  await handToAgency(db, {
    businessId,
    invoiceId: invoice.id,
    agencyName: c.agency,
    handedOn: addDaysIso(today, -2),
    amountMinor: left!.total - c.payment,
    note: 'Dossier transmis après la mise en demeure restée sans effet.',
    actor: staff,
  });
}
