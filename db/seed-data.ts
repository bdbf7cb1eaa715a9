/** The demo world: one French business, its customers, and invoices in every situation DESIGN.md names. */

export const demoBusiness = {
  name: 'Atelier Moreau & Fils',
  legalForm: 'SARL au capital de 20 000 €',
  siren: '812345674',
  vatNumber: 'FR32812345674',
  addressLine1: '14 rue des Tanneurs',
  postalCode: '69002',
  city: 'Lyon',
  country: 'FR',
  email: 'compta@atelier-moreau.fr',
  phone: '+33 4 78 12 34 56',
  website: 'https://atelier-moreau.fr',
  iban: 'FR76 3000 6000 0112 3456 7890 189',
  bic: 'AGRIFRPP',
  timeZone: 'Europe/Paris',
  locale: 'fr',
  defaultCurrency: 'EUR',
  defaultTermsDays: 30,
  paymentTermsText: 'Paiement à 30 jours date de facture. Pas d’escompte pour paiement anticipé.',
  partialPaymentsAllowed: true,
  minPartialPaymentMinor: 5000,
};

export const demoAdmin = {
  email: 'admin@acquit.localhost',
  name: 'Claire Moreau',
  password: 'demo-password-2026',
};

type Role = 'billing' | 'accounts_payable' | 'project_lead';
export const demoCustomers: {
  key: string;
  name: string;
  siren: string;
  vatNumber: string;
  address: [string, string, string];
  locale: 'fr' | 'en';
  contacts: { name: string; email: string; roles: Role[] }[];
}[] = [
  {
    key: 'boulangerie',
    name: 'Boulangerie Petit',
    siren: '532198760',
    vatNumber: 'FR45532198760',
    address: ['3 place Bellecour', '69002', 'Lyon'],
    locale: 'fr',
    contacts: [
      { name: 'Julie Petit', email: 'julie@boulangerie-petit.fr', roles: ['billing'] },
      { name: 'Marc Petit', email: 'compta@boulangerie-petit.fr', roles: ['accounts_payable'] },
    ],
  },
  {
    key: 'hotel',
    name: 'Hôtel des Cèdres',
    siren: '441256789',
    vatNumber: 'FR12441256789',
    address: ['88 avenue Foch', '75116', 'Paris'],
    locale: 'fr',
    contacts: [
      { name: 'Sophie Laurent', email: 'factures@hotel-cedres.fr', roles: ['billing', 'accounts_payable'] },
      { name: 'Paul Girard', email: 'p.girard@hotel-cedres.fr', roles: ['project_lead'] },
    ],
  },
  {
    key: 'cabinet',
    name: 'Cabinet Lefèvre Avocats',
    siren: '789012345',
    vatNumber: 'FR67789012345',
    address: ['12 quai Saint-Antoine', '69002', 'Lyon'],
    locale: 'fr',
    contacts: [{ name: 'Anne Lefèvre', email: 'anne@lefevre-avocats.fr', roles: ['billing'] }],
  },
  {
    key: 'garage',
    name: 'Garage Martin SAS',
    siren: '350987612',
    vatNumber: 'FR03350987612',
    address: ['5 route de Vienne', '69007', 'Lyon'],
    locale: 'fr',
    contacts: [
      { name: 'Luc Martin', email: 'luc@garage-martin.fr', roles: ['billing'] },
      { name: 'Service comptable', email: 'compta@garage-martin.fr', roles: ['accounts_payable'] },
    ],
  },
  {
    key: 'nordic',
    name: 'Nordic Design Studio',
    siren: '901234567',
    vatNumber: 'FR89901234567',
    address: ['40 rue de la République', '13002', 'Marseille'],
    locale: 'en',
    contacts: [
      { name: 'Erik Lindqvist', email: 'erik@nordicdesign.studio', roles: ['billing', 'project_lead'] },
    ],
  },
  {
    key: 'creche',
    name: 'Crèche Les Lutins',
    siren: '820456123',
    vatNumber: 'FR21820456123',
    address: ['7 rue Pasteur', '38000', 'Grenoble'],
    locale: 'fr',
    contacts: [{ name: 'Nadia Benali', email: 'direction@leslutins.fr', roles: ['billing'] }],
  },
  {
    key: 'brasserie',
    name: 'Brasserie du Port',
    siren: '478563210',
    vatNumber: 'FR58478563210',
    address: ['1 quai de la Fraternité', '13001', 'Marseille'],
    locale: 'fr',
    contacts: [
      { name: 'Thomas Roux', email: 'thomas@brasserieduport.fr', roles: ['billing'] },
      { name: 'Fiduciaire Sud', email: 'fournisseurs@fiduciaire-sud.fr', roles: ['accounts_payable'] },
    ],
  },
  {
    key: 'librairie',
    name: 'Librairie Voltaire',
    siren: '612345098',
    vatNumber: 'FR76612345098',
    address: ['22 rue Voltaire', '44000', 'Nantes'],
    locale: 'fr',
    contacts: [{ name: 'Hélène Dubois', email: 'helene@librairie-voltaire.fr', roles: ['billing'] }],
  },
];

const L = (
  description: string,
  quantity: number,
  unitPriceEuros: number,
  taxRateBps = 2000,
  unit: string | null = null,
) => ({
  description,
  quantityMilli: Math.round(quantity * 1000),
  unitPriceMinor: Math.round(unitPriceEuros * 100),
  taxRateBps,
  unit,
});

/** dueIn: days from today to the due date (negative = late). */
export type DemoInvoice = {
  customer: string;
  dueIn: number;
  terms?: number;
  state: 'draft' | 'open' | 'partly_paid' | 'paid' | 'void';
  po?: string;
  lines: ReturnType<typeof L>[];
  /** Link printed by `npm run dev`. */
  showcase?: string;
};

export const demoInvoices: DemoInvoice[] = [
  {
    customer: 'boulangerie',
    dueIn: -5,
    state: 'open',
    po: 'BC-2026-118',
    showcase: '5 days late',
    lines: [
      L('Rénovation de la devanture : menuiserie chêne massif', 1, 4200),
      L('Vitrine réfrigérée — pose et raccordement', 1, 850),
      L('Déplacement et mise en sécurité du chantier', 2, 95, 2000, 'forfait'),
    ],
  },
  {
    customer: 'hotel',
    dueIn: 3,
    state: 'open',
    po: 'PO-7781',
    showcase: 'due in 3 days',
    lines: [
      L('Habillage bois du hall d’accueil', 24.5, 180, 2000, 'm²'),
      L('Comptoir de réception sur mesure', 1, 6400),
    ],
  },
  {
    customer: 'cabinet',
    dueIn: 0,
    state: 'open',
    lines: [L('Bibliothèque murale en noyer', 1, 3900), L('Vernis mat, deux couches', 18, 32, 2000, 'm²')],
  },
  {
    customer: 'garage',
    dueIn: -20,
    state: 'open',
    lines: [L('Établis d’atelier renforcés', 4, 640), L('Rayonnages métalliques', 6, 210)],
  },
  {
    customer: 'brasserie',
    dueIn: -45,
    state: 'open',
    po: 'BDP-0093',
    lines: [
      L('Banquettes cuir et structure hêtre', 8, 720),
      L('Tables bistrot plateau marbre', 12, 310),
      L('Livraison', 1, 150),
    ],
  },
  {
    customer: 'librairie',
    dueIn: -95,
    state: 'open',
    lines: [L('Rayonnages chêne, 12 travées', 12, 460), L('Échelle de bibliothèque sur rail', 1, 1250)],
  },
  {
    customer: 'nordic',
    dueIn: 12,
    state: 'partly_paid',
    showcase: 'partly paid',
    lines: [L('Prototype chair, solid ash', 3, 890), L('Design consultation', 6.5, 85, 2000, 'h')],
  },
  {
    customer: 'creche',
    dueIn: -10,
    state: 'partly_paid',
    lines: [L('Mobilier enfant : tables basses', 6, 240, 550), L('Casiers nominatifs', 30, 45, 550)],
  },
  { customer: 'hotel', dueIn: -30, state: 'paid', lines: [L('Portes de chambres, remise en état', 16, 185)] },
  { customer: 'cabinet', dueIn: -60, state: 'paid', lines: [L('Bureau de direction', 1, 2800)] },
  { customer: 'boulangerie', dueIn: -75, state: 'paid', lines: [L('Présentoir à pains', 2, 690)] },
  {
    customer: 'garage',
    dueIn: 20,
    state: 'open',
    lines: [L('Comptoir d’accueil', 1, 1900), L('Peinture époxy du sol', 85, 28, 2000, 'm²')],
  },
  { customer: 'brasserie', dueIn: -2, state: 'open', lines: [L('Réparation de chaises', 14, 38)] },
  { customer: 'nordic', dueIn: -15, state: 'open', lines: [L('Walnut sideboard, custom', 1, 3400)] },
  { customer: 'librairie', dueIn: 25, state: 'open', lines: [L('Table de présentation', 2, 780)] },
  {
    customer: 'creche',
    dueIn: 8,
    state: 'open',
    lines: [L('Coin lecture : banquette et coussins', 1, 1150, 550)],
  },
  { customer: 'hotel', dueIn: -8, state: 'open', lines: [L('Têtes de lit capitonnées', 10, 420)] },
  { customer: 'cabinet', dueIn: -33, state: 'open', lines: [L('Cloison vitrée atelier', 1, 5200)] },
  { customer: 'garage', dueIn: -62, state: 'open', lines: [L('Armoire à outils sur mesure', 2, 1350)] },
  { customer: 'boulangerie', dueIn: 15, state: 'open', lines: [L('Entretien annuel des vitrines', 1, 320)] },
  { customer: 'brasserie', dueIn: -100, state: 'open', lines: [L('Bar en zinc, fabrication', 1, 7800)] },
  { customer: 'hotel', dueIn: 1, state: 'open', lines: [L('Rideaux occultants, pose', 22, 96)] },
  { customer: 'nordic', dueIn: -40, state: 'paid', lines: [L('Oak dining table', 1, 2600)] },
  { customer: 'librairie', dueIn: -12, state: 'void', lines: [L('Devis annulé : mezzanine', 1, 9800)] },
  { customer: 'creche', dueIn: -50, state: 'void', lines: [L('Double facturation : casiers', 30, 45, 550)] },
  { customer: 'cabinet', dueIn: 30, state: 'draft', lines: [L('Étude pour salle de réunion', 1, 650)] },
  { customer: 'garage', dueIn: 30, state: 'draft', lines: [L('Devis : mezzanine de stockage', 1, 12400)] },
  {
    customer: 'boulangerie',
    dueIn: -25,
    state: 'partly_paid',
    lines: [L('Four à sole : habillage bois', 1, 2100), L('Plan de travail hêtre', 3, 380)],
  },
  { customer: 'hotel', dueIn: -3, state: 'open', lines: [L('Mobilier de terrasse, teck', 8, 540)] },
  { customer: 'brasserie', dueIn: 5, state: 'open', lines: [L('Caisson de comptoir', 1, 980)] },
];

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
