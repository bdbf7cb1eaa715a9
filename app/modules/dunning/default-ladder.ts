import type { ReminderStep } from './types';

/**
 * The ladder every business starts with, after the seeds: ask before the due date whether all went well, stay
 * friendly just after it, firmer at a week, call at two weeks, state the penalties at a month, formal notice
 * (mise en demeure) at 45 days, hand to collections at 60.
 */
export const DEFAULT_LADDER: Omit<ReminderStep, 'id'>[] = [
  {
    offsetDays: -3,
    channel: 'email',
    tone: 'friendly',
    subjectFr: 'Facture {{invoice_number}} : tout s’est bien passé ?',
    bodyFr:
      'Bonjour {{customer_name}},\n\nLa facture {{invoice_number}} de {{amount_due}} arrive à échéance le {{due_date}}. Tout s’est-il bien passé avec la livraison ? Si quelque chose ne va pas, dites-le-nous dès maintenant, nous le réglerons ensemble.',
    subjectEn: 'Invoice {{invoice_number}}: is everything fine?',
    bodyEn:
      'Hello {{customer_name}},\n\nInvoice {{invoice_number}} for {{amount_due}} is due on {{due_date}}. Is everything fine with the delivery? If anything is wrong, tell us now and we will sort it out together.',
  },
  {
    offsetDays: 1,
    channel: 'email',
    tone: 'friendly',
    subjectFr: 'Facture {{invoice_number}} arrivée à échéance',
    bodyFr:
      'Bonjour {{customer_name}},\n\nSauf erreur de notre part, la facture {{invoice_number}} de {{amount_due}}, échue le {{due_date}}, n’est pas encore réglée. C’est sans doute un oubli : vous pouvez la payer en quelques secondes depuis le lien ci-dessous.',
    subjectEn: 'Invoice {{invoice_number}} is now due',
    bodyEn:
      'Hello {{customer_name}},\n\nUnless we are mistaken, invoice {{invoice_number}} for {{amount_due}}, due on {{due_date}}, is still unpaid. It is probably an oversight: you can pay it in a few seconds from the link below.',
  },
  {
    offsetDays: 7,
    channel: 'email',
    tone: 'firm',
    subjectFr: 'Relance : facture {{invoice_number}} en retard de {{days_late}} jours',
    bodyFr:
      'Bonjour {{customer_name}},\n\nLa facture {{invoice_number}} de {{amount_due}} est en retard de {{days_late}} jours. Merci de la régler sans attendre, ou de nous indiquer une date de paiement depuis le lien ci-dessous.',
    subjectEn: 'Reminder: invoice {{invoice_number}} is {{days_late}} days late',
    bodyEn:
      'Hello {{customer_name}},\n\nInvoice {{invoice_number}} for {{amount_due}} is {{days_late}} days late. Please pay it now, or tell us when you will, from the link below.',
  },
  {
    offsetDays: 14,
    channel: 'call_task',
    tone: 'firm',
    subjectFr: 'Appeler {{customer_name}} : facture {{invoice_number}}, {{days_late}} jours de retard',
    bodyFr: 'Demander pourquoi la facture n’est pas réglée, et obtenir une date de paiement.',
    subjectEn: 'Call {{customer_name}}: invoice {{invoice_number}}, {{days_late}} days late',
    bodyEn: 'Ask why the invoice is unpaid, and get a payment date.',
  },
  {
    offsetDays: 30,
    channel: 'email',
    tone: 'firm',
    subjectFr: 'Facture {{invoice_number}} : pénalités de retard applicables',
    bodyFr:
      'Bonjour {{customer_name}},\n\nLa facture {{invoice_number}} de {{amount_due}} est en retard de {{days_late}} jours. Conformément à nos conditions et à l’article L441-10 du Code de commerce, des pénalités de retard s’appliquent ({{penalties_total}} à ce jour, détaillées ci-dessous). Réglez la facture dès aujourd’hui pour en arrêter le cours.',
    subjectEn: 'Invoice {{invoice_number}}: late-payment penalties apply',
    bodyEn:
      'Hello {{customer_name}},\n\nInvoice {{invoice_number}} for {{amount_due}} is {{days_late}} days late. Under our terms and article L441-10 of the French Commercial Code, late-payment penalties apply ({{penalties_total}} to date, itemised below). Pay the invoice today to stop them accruing.',
  },
  {
    offsetDays: 45,
    channel: 'letter',
    tone: 'formal',
    subjectFr: 'Mise en demeure de payer : facture {{invoice_number}}',
    bodyFr:
      'Madame, Monsieur,\n\nMalgré nos relances, la facture {{invoice_number}} de {{amount_due}}, échue le {{due_date}}, demeure impayée. Nous vous mettons en demeure de la régler avant le {{notice_deadline}}, pénalités de retard et indemnité forfaitaire de recouvrement en sus. À défaut, nous engagerons une procédure de recouvrement. La lettre de mise en demeure est jointe à ce message.',
    subjectEn: 'Formal notice to pay: invoice {{invoice_number}}',
    bodyEn:
      'Dear Sir or Madam,\n\nDespite our reminders, invoice {{invoice_number}} for {{amount_due}}, due on {{due_date}}, remains unpaid. We formally require you to pay it before {{notice_deadline}}, plus late-payment penalties and the fixed recovery indemnity. Failing that, we will start recovery proceedings. The formal notice letter is attached.',
  },
  {
    offsetDays: 60,
    channel: 'collections_task',
    tone: 'formal',
    subjectFr: 'Transmettre la facture {{invoice_number}} ({{customer_name}}) au recouvrement',
    bodyFr:
      'La mise en demeure est restée sans effet : constituer le dossier et le confier à l’agence de recouvrement.',
    subjectEn: 'Hand invoice {{invoice_number}} ({{customer_name}}) to collections',
    bodyEn: 'The formal notice went unanswered: build the case file and hand it to the collection agency.',
  },
];
