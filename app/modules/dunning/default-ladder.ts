import type { ReminderStep } from './types';

/**
 * The ladder every business starts with, after the seeds: ask before the due date whether all went well, stay
 * friendly just after it, firmer at a week, call at two weeks, state the penalties at a month, formal notice
 * (mise en demeure) at 45 days, hand to collections at 60.
 *
 * The texts promise only what every business can offer (paying online, replying to the message): the email
 * template adds the buttons for plans, promises and disputes when the business's settings allow them, and the
 * penalty table and the attached letter where the step calls for them.
 */
export const DEFAULT_LADDER: Omit<ReminderStep, 'id'>[] = [
  {
    offsetDays: -3,
    channel: 'email',
    tone: 'friendly',
    subjectFr: 'Facture {{invoice_number}} : tout s’est bien passé ?',
    bodyFr:
      'Bonjour {{customer_name}},\n\nLa facture {{invoice_number}} de {{amount_due}} arrive à échéance le {{due_date}}. Avant cette date, nous voulions simplement nous assurer que tout s’est bien passé de votre côté : la livraison est-elle conforme à ce qui était prévu ?\n\nSi quelque chose ne va pas, dites-le-nous dès maintenant, nous trouverons une solution ensemble. Sinon, vous pouvez régler la facture en ligne en quelques instants.',
    subjectEn: 'Invoice {{invoice_number}}: is everything fine?',
    bodyEn:
      'Hello {{customer_name}},\n\nInvoice {{invoice_number}} for {{amount_due}} is due on {{due_date}}. Before then, we simply wanted to make sure everything went well on your side: was the delivery what you expected?\n\nIf anything is wrong, tell us now and we will sort it out together. Otherwise, you can pay the invoice online in a few moments.',
  },
  {
    offsetDays: 1,
    channel: 'email',
    tone: 'friendly',
    subjectFr: 'Facture {{invoice_number}} arrivée à échéance',
    bodyFr:
      'Bonjour {{customer_name}},\n\nSauf erreur de notre part, la facture {{invoice_number}} de {{amount_due}}, arrivée à échéance le {{due_date}}, n’a pas encore été réglée. Il s’agit sans doute d’un simple oubli : vous pouvez la régler en quelques instants depuis le lien ci-dessous.',
    subjectEn: 'Invoice {{invoice_number}} is now due',
    bodyEn:
      'Hello {{customer_name}},\n\nUnless we are mistaken, invoice {{invoice_number}} for {{amount_due}}, which fell due on {{due_date}}, has not been paid yet. It is probably a simple oversight: you can pay it in a few moments from the link below.',
  },
  {
    offsetDays: 7,
    channel: 'email',
    tone: 'firm',
    subjectFr: 'Relance : facture {{invoice_number}} en retard de {{days_late}} jours',
    bodyFr:
      'Bonjour {{customer_name}},\n\nNous n’avons toujours pas reçu le règlement de la facture {{invoice_number}} de {{amount_due}}, échue le {{due_date}}, soit {{days_late}} jours de retard. Merci de procéder au paiement sans attendre.\n\nSi une difficulté vous empêche de la régler, répondez simplement à ce message pour nous en faire part : mieux vaut en parler dès maintenant.',
    subjectEn: 'Reminder: invoice {{invoice_number}} is {{days_late}} days late',
    bodyEn:
      'Hello {{customer_name}},\n\nWe have still not received payment of invoice {{invoice_number}} for {{amount_due}}, which fell due on {{due_date}}: it is now {{days_late}} days late. Please pay it without delay.\n\nIf something prevents you from paying it, simply reply to this message and tell us: it is better to talk about it now.',
  },
  {
    offsetDays: 14,
    channel: 'call_task',
    tone: 'firm',
    subjectFr: 'Appeler {{customer_name}} : facture {{invoice_number}}, {{days_late}} jours de retard',
    bodyFr:
      'Demander pourquoi la facture n’est pas réglée (facture non reçue, problème de livraison, difficulté de trésorerie ?) et obtenir une date de paiement précise.',
    subjectEn: 'Call {{customer_name}}: invoice {{invoice_number}}, {{days_late}} days late',
    bodyEn:
      'Ask why the invoice is unpaid (invoice not received, a problem with the delivery, cash-flow trouble?) and get a precise payment date.',
  },
  {
    offsetDays: 30,
    channel: 'email',
    tone: 'firm',
    subjectFr: 'Facture {{invoice_number}} impayée : pénalités de retard applicables',
    bodyFr:
      'Bonjour {{customer_name}},\n\nMalgré nos précédents messages, la facture {{invoice_number}} de {{amount_due}}, échue le {{due_date}}, reste impayée après {{days_late}} jours de retard.\n\nConformément à nos conditions de paiement et à l’article L441-10 du Code de commerce, ce retard entraîne de plein droit des pénalités de retard et une indemnité forfaitaire pour frais de recouvrement, soit {{penalties_total}} à ce jour (détail ci-dessous). Les intérêts continuent de courir chaque jour jusqu’au paiement.\n\nNous vous demandons de régler cette facture dès aujourd’hui.',
    subjectEn: 'Unpaid invoice {{invoice_number}}: late-payment penalties apply',
    bodyEn:
      'Hello {{customer_name}},\n\nDespite our previous messages, invoice {{invoice_number}} for {{amount_due}}, which fell due on {{due_date}}, is still unpaid after {{days_late}} days.\n\nUnder our payment terms and article L441-10 of the French Commercial Code, this delay entitles us, as of right, to late-payment penalties and a fixed indemnity for recovery costs: {{penalties_total}} to date (itemised below). Interest keeps accruing every day until payment.\n\nPlease pay this invoice today.',
  },
  {
    offsetDays: 45,
    channel: 'letter',
    tone: 'formal',
    subjectFr: 'Mise en demeure de payer : facture {{invoice_number}}',
    bodyFr:
      'Madame, Monsieur,\n\nMalgré nos relances, la facture {{invoice_number}} de {{amount_due}}, échue le {{due_date}}, demeure impayée après {{days_late}} jours de retard.\n\nPar la présente, nous vous mettons en demeure de la régler au plus tard le {{notice_deadline}}, majorée des pénalités de retard et de l’indemnité forfaitaire pour frais de recouvrement ({{penalties_total}} à ce jour), en application de l’article L441-10 du Code de commerce.\n\nÀ défaut de règlement dans ce délai, nous engagerons sans autre avis une procédure de recouvrement à votre encontre.',
    subjectEn: 'Formal notice to pay: invoice {{invoice_number}}',
    bodyEn:
      'Dear Sir or Madam,\n\nDespite our reminders, invoice {{invoice_number}} for {{amount_due}}, which fell due on {{due_date}}, remains unpaid after {{days_late}} days.\n\nWe hereby give you formal notice to pay it by {{notice_deadline}} at the latest, together with the late-payment penalties and the fixed indemnity for recovery costs ({{penalties_total}} to date), under article L441-10 of the French Commercial Code.\n\nFailing payment within this period, we will start recovery proceedings against you without further notice.',
  },
  {
    offsetDays: 60,
    channel: 'collections_task',
    tone: 'formal',
    subjectFr: 'Transmettre la facture {{invoice_number}} ({{customer_name}}) au recouvrement',
    bodyFr:
      'La mise en demeure est restée sans effet : constituer le dossier (facture, bon de commande ou lettre d’acceptation signée, historique des relances, échanges) et le confier à l’agence de recouvrement.',
    subjectEn: 'Hand invoice {{invoice_number}} ({{customer_name}}) to collections',
    bodyEn:
      'The formal notice went unanswered: build the case file (invoice, purchase order or signed acceptance letter, reminder history, correspondence) and hand it to the collection agency.',
  },
];
