import type { Dictionary } from '~/utils/i18n';

/** The debtor page's compact block about plans and promises (issue 6); merged into the page's dictionary. */
export const debtorArrangements: Dictionary = {
  fr: {
    'arrange.title': 'Vous ne pouvez pas tout régler maintenant ?',
    'arrange.plan': 'Payer en plusieurs fois',
    'arrange.promise': 'Indiquer une date de paiement',
    'arrange.plan.summary': 'Échéancier : {paid} sur {total} échéances réglées.',
    'arrange.plan.view': 'Voir mon échéancier et régler le solde',
  },
  en: {
    'arrange.title': 'Cannot pay it all now?',
    'arrange.plan': 'Pay in installments',
    'arrange.promise': 'Tell us when you will pay',
    'arrange.plan.summary': 'Installment plan: {paid} of {total} parts paid.',
    'arrange.plan.view': 'See my plan and pay the rest',
  },
};
