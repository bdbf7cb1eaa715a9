import type { Dictionary } from '~/utils/i18n';

/** The letter of formal notice (mise en demeure), French and English: the legal wording lives here. */
export const formalNoticeCopy: Dictionary = {
  fr: {
    'fn.title': 'Lettre de mise en demeure',
    'fn.docTitle': 'Mise en demeure – facture {number}',
    'fn.filename': 'mise-en-demeure-{number}.pdf',
    'fn.placeDate': '{city}, le {date}',
    'fn.date': 'Le {date}',
    'fn.subject': 'Objet : mise en demeure de payer – facture n° {number} du {issueDate}',
    'fn.salutation': 'Madame, Monsieur,',
    'fn.facts':
      'Sauf erreur ou omission de notre part, la facture n° {number} du {issueDate}, d’un montant de {total} TTC, arrivée à échéance le {dueDate}, demeure impayée à ce jour pour un montant de {amountDue}, malgré nos relances.',
    'fn.demand':
      'Par la présente, nous vous mettons en demeure de nous régler, au plus tard le {deadline}, soit dans un délai de huit jours à compter de la date de la présente lettre, la somme de {claim}, qui se décompose comme suit :',
    'fn.demandPrincipal':
      'Par la présente, nous vous mettons en demeure de nous régler, au plus tard le {deadline}, soit dans un délai de huit jours à compter de la date de la présente lettre, la somme de {claim}.',
    'fn.row.principal': 'Principal restant dû (facture n° {number})',
    'fn.row.interest': 'Pénalités de retard au taux de {rate} l’an, du {from} au {to} ({days} jours)',
    'fn.row.indemnity': 'Indemnité forfaitaire pour frais de recouvrement (art. D441-5 du Code de commerce)',
    'fn.row.total': 'Total à régler',
    'fn.legal.statutory':
      'Les pénalités de retard sont exigibles sans qu’un rappel soit nécessaire, en application de l’article L441-10 du Code de commerce, au taux d’intérêt appliqué par la Banque centrale européenne à son opération de refinancement la plus récente ({ecb}) majoré de 10 points, soit {rate} l’an ; elles continuent de courir jusqu’au complet paiement.',
    'fn.legal.contractual':
      'Les pénalités de retard sont exigibles sans qu’un rappel soit nécessaire, en application de l’article L441-10 du Code de commerce et de nos conditions de paiement, au taux de {rate} l’an ; elles continuent de courir jusqu’au complet paiement.',
    'fn.legal.indemnity':
      'L’indemnité forfaitaire pour frais de recouvrement de {indemnity} est due pour tout retard de paiement, en application des articles L441-10 et D441-5 du Code de commerce.',
    'fn.consequence':
      'À défaut de règlement dans ce délai, nous engagerons sans autre avis une procédure de recouvrement, amiable ou judiciaire, à votre encontre. Si les frais de recouvrement exposés dépassent le montant de l’indemnité forfaitaire, une indemnisation complémentaire pourra vous être demandée, sur justification.',
    'fn.article1344': 'La présente lettre vaut mise en demeure au sens de l’article 1344 du Code civil.',
    'fn.howToPay.online':
      'Vous pouvez régler cette somme en ligne, depuis le lien personnel figurant dans notre message.',
    'fn.howToPay.transfer':
      'Vous pouvez régler cette somme en ligne, depuis le lien personnel figurant dans notre message, ou par virement bancaire sur le compte IBAN {iban}{bic}, en indiquant la référence {reference}.',
    'fn.bic': ' (BIC {bic})',
    'fn.alreadyPaid':
      'Si votre règlement nous est parvenu entre-temps, nous vous remercions de ne pas tenir compte de la présente.',
    'fn.signoff': 'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
    'fn.page': 'Page {page}/{pages}',
  },
  en: {
    'fn.title': 'Letter of formal notice',
    'fn.docTitle': 'Formal notice – invoice {number}',
    'fn.filename': 'formal-notice-{number}.pdf',
    'fn.placeDate': '{city}, {date}',
    'fn.date': '{date}',
    'fn.subject': 'Subject: formal notice to pay – invoice no. {number} of {issueDate}',
    'fn.salutation': 'Dear Sir or Madam,',
    'fn.facts':
      'Unless we are mistaken, invoice no. {number} of {issueDate}, for {total} including VAT, which fell due on {dueDate}, remains unpaid to date in the amount of {amountDue}, despite our reminders.',
    'fn.demand':
      'We hereby give you formal notice to pay us, by {deadline} at the latest, that is within eight days of the date of this letter, the sum of {claim}, made up as follows:',
    'fn.demandPrincipal':
      'We hereby give you formal notice to pay us, by {deadline} at the latest, that is within eight days of the date of this letter, the sum of {claim}.',
    'fn.row.principal': 'Principal outstanding (invoice no. {number})',
    'fn.row.interest': 'Late-payment penalties at {rate} a year, from {from} to {to} ({days} days)',
    'fn.row.indemnity': 'Fixed indemnity for recovery costs (French Commercial Code, art. D441-5)',
    'fn.row.total': 'Total to pay',
    'fn.legal.statutory':
      'Late-payment penalties are due without any reminder being necessary, under article L441-10 of the French Commercial Code (Code de commerce), at the rate applied by the European Central Bank to its most recent refinancing operation ({ecb}) plus 10 percentage points, that is {rate} a year; they keep accruing until payment in full.',
    'fn.legal.contractual':
      'Late-payment penalties are due without any reminder being necessary, under article L441-10 of the French Commercial Code (Code de commerce) and our payment terms, at {rate} a year; they keep accruing until payment in full.',
    'fn.legal.indemnity':
      'The fixed indemnity for recovery costs of {indemnity} is due for any late payment, under articles L441-10 and D441-5 of the French Commercial Code.',
    'fn.consequence':
      'Failing payment within this period, we will start recovery proceedings against you, out of court or through the courts, without further notice. Should the recovery costs incurred exceed the fixed indemnity, additional compensation may be claimed from you on proof.',
    'fn.article1344':
      'This letter constitutes formal notice (mise en demeure) within the meaning of article 1344 of the French Civil Code.',
    'fn.howToPay.online': 'You can pay this sum online, from the personal link in our message.',
    'fn.howToPay.transfer':
      'You can pay this sum online, from the personal link in our message, or by bank transfer to IBAN {iban}{bic}, quoting the reference {reference}.',
    'fn.bic': ' (BIC {bic})',
    'fn.alreadyPaid': 'If your payment has reached us in the meantime, please disregard this letter.',
    'fn.signoff': 'Yours faithfully,',
    'fn.page': 'Page {page} of {pages}',
  },
};
