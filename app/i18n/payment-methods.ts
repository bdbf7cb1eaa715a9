import type { Dictionary } from '~/utils/i18n';

/** How each payment method is named to people: the receipt email, its PDF and the admin payments card. */
export const paymentMethods: Dictionary = {
  fr: {
    'paymentMethod.card': 'Carte bancaire',
    'paymentMethod.sepa_debit': 'Prélèvement SEPA',
    'paymentMethod.us_bank_account': 'Prélèvement bancaire ACH',
    'paymentMethod.bank_transfer': 'Virement',
    'paymentMethod.cheque': 'Chèque',
    'paymentMethod.cash': 'Espèces',
    'paymentMethod.other': 'Autre',
  },
  en: {
    'paymentMethod.card': 'Card',
    'paymentMethod.sepa_debit': 'SEPA Direct Debit',
    'paymentMethod.us_bank_account': 'ACH bank debit',
    'paymentMethod.bank_transfer': 'Bank transfer',
    'paymentMethod.cheque': 'Cheque',
    'paymentMethod.cash': 'Cash',
    'paymentMethod.other': 'Other',
  },
};
