import type { Dictionary } from '~/utils/i18n';

/** The debtor page's compact block about the acceptance letter and disputes (part of the `debtor` file). */
export const debtorCases: Dictionary = {
  fr: {
    'cases.title': 'Procès-verbal et contestation',
    'cases.raise.title': 'Signaler un problème',
    'cases.letter.toSign': 'Procès-verbal de réception à signer.',
    'cases.letter.sign': 'Lire et signer',
    'cases.letter.signed': 'Procès-verbal de réception signé le {date} par {name}.',
    'cases.letter.pdf': 'Procès-verbal signé (PDF)',
    'cases.dispute.waiting_for_us': 'Contestation en cours : {business} examine votre demande.',
    'cases.dispute.waiting_for_them': 'Contestation en cours : {business} vous a répondu.',
    'cases.dispute.accepted': 'Votre contestation a été acceptée : un avoir a été émis.',
    'cases.dispute.rejected': 'Votre contestation n’a pas été retenue.',
    'cases.dispute.amount': '{amount} contesté(s) : pas de relance pour ce montant. Le reste reste à régler.',
    'cases.dispute.view': 'Voir l’échange',
    'cases.dispute.raise': 'Un problème avec cette facture ? Signalez-le',
  },
  en: {
    'cases.title': 'Acceptance letter and disputes',
    'cases.raise.title': 'Report a problem',
    'cases.letter.toSign': 'Acceptance letter to sign.',
    'cases.letter.sign': 'Read and sign',
    'cases.letter.signed': 'Acceptance letter signed on {date} by {name}.',
    'cases.letter.pdf': 'Signed letter (PDF)',
    'cases.dispute.waiting_for_us': 'Dispute in progress: {business} is reviewing it.',
    'cases.dispute.waiting_for_them': 'Dispute in progress: {business} replied to you.',
    'cases.dispute.accepted': 'Your dispute was accepted: a credit note was issued.',
    'cases.dispute.rejected': 'Your dispute was not upheld.',
    'cases.dispute.amount': '{amount} disputed: no reminders for this amount. The rest stays payable.',
    'cases.dispute.view': 'See the thread',
    'cases.dispute.raise': 'A problem with this invoice? Tell us',
  },
};
