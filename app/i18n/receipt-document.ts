import type { Dictionary } from '~/utils/i18n';

/** What the payment receipt PDF prints, besides the invoice document's shared labels (`doc.*`). */
export const receiptDocument: Dictionary = {
  fr: {
    'rdoc.title': 'REÇU DE PAIEMENT',
    'rdoc.titleWithRef': 'Reçu de paiement {ref}',
    'rdoc.ref': 'Réf.',
    'rdoc.receivedOn': 'Date de réception',
    'rdoc.invoice': 'Facture',
    'rdoc.payer': 'Reçu de',
    'rdoc.amount': 'Montant reçu',
    'rdoc.method': 'Moyen de paiement',
    'rdoc.reference': 'Référence du paiement',
    'rdoc.statement':
      '{seller} atteste avoir reçu de {payer} la somme de {amount} le {date}, en règlement de la facture {number} du {issueDate}.',
    'rdoc.invoiceTitle': 'Facture {number} du {issueDate}',
    'rdoc.tax': 'TVA',
    'rdoc.settled': 'Réglé, ce paiement compris (avec les avoirs)',
    'rdoc.balanceAfter': 'Reste à payer après ce paiement',
    'rdoc.fullyPaid': 'FACTURE SOLDÉE',
    'rdoc.note': 'Ce reçu ne remplace pas la facture. Conservez-le avec celle-ci.',
  },
  en: {
    'rdoc.title': 'PAYMENT RECEIPT',
    'rdoc.titleWithRef': 'Payment receipt {ref}',
    'rdoc.ref': 'Ref.',
    'rdoc.receivedOn': 'Date received',
    'rdoc.invoice': 'Invoice',
    'rdoc.payer': 'Received from',
    'rdoc.amount': 'Amount received',
    'rdoc.method': 'Method',
    'rdoc.reference': 'Payment reference',
    'rdoc.statement':
      '{seller} acknowledges receipt from {payer} of {amount} on {date}, in payment of invoice {number} dated {issueDate}.',
    'rdoc.invoiceTitle': 'Invoice {number} dated {issueDate}',
    'rdoc.tax': 'VAT',
    'rdoc.settled': 'Settled including this payment and credits',
    'rdoc.balanceAfter': 'Balance due after this payment',
    'rdoc.fullyPaid': 'FULLY PAID',
    'rdoc.note': 'This receipt does not replace the invoice. Keep it with the invoice.',
  },
};
