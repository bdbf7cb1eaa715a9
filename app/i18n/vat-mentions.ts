import type { Dictionary } from '~/utils/i18n';

/**
 * Why an invoice charges no VAT, worded as French law wants it printed (CGI art. 242 nonies A): one source for the
 * debtor page, the invoice PDF and the admin area. `vat.<exemption>` is the printed mention; `vat.option.*` names
 * the case in the admin's choice of mention.
 */
export const vatMentions: Dictionary = {
  fr: {
    'vat.franchise': 'TVA non applicable, art. 293 B du CGI',
    'vat.reverse_charge':
      'Autoliquidation : TVA due par le preneur (art. 283-2 du CGI, art. 196 de la directive 2006/112/CE)',
    'vat.intra_eu_goods': 'Exonération de TVA, art. 262 ter, I du CGI (livraison intracommunautaire)',
    'vat.export': 'Exonération de TVA, art. 262 I du CGI (exportation)',
  },
  en: {
    'vat.franchise': 'VAT not applicable, art. 293 B of the French General Tax Code (CGI)',
    'vat.reverse_charge':
      'Reverse charge: VAT to be accounted for by the customer (art. 283-2 CGI, art. 196 of Directive 2006/112/EC)',
    'vat.intra_eu_goods': 'VAT-exempt intra-EU supply of goods, art. 262 ter I CGI',
    'vat.export': 'VAT-exempt export, art. 262 I CGI',
  },
};

/** The admin's names for each case (the form's choices and the settings' default). */
export const vatOptions: Dictionary = {
  fr: {
    'vat.option.none': 'TVA facturée selon les lignes',
    'vat.option.franchise': 'Franchise en base (micro-entreprise) : TVA non applicable',
    'vat.option.reverse_charge': 'Services à une entreprise de l’UE : autoliquidation',
    'vat.option.intra_eu_goods': 'Biens livrés à une entreprise de l’UE : exonération',
    'vat.option.export': 'Export hors de l’UE : exonération',
  },
  en: {
    'vat.option.none': 'VAT charged as the lines say',
    'vat.option.franchise': 'French VAT franchise (micro-entreprise): VAT not applicable',
    'vat.option.reverse_charge': 'Services to an EU business: reverse charge',
    'vat.option.intra_eu_goods': 'Goods delivered to an EU business: exempt',
    'vat.option.export': 'Export outside the EU: exempt',
  },
};
