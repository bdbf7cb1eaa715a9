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
  // Installment plans (issue 6): 2 or 3 monthly parts, or 30/30/40, for balances from 500 €.
  installmentOffers: [
    { id: 'x2', parts: 2, interval: 'monthly' as const },
    { id: 'x3', parts: 3, interval: 'monthly' as const },
    { id: '303040', parts: 3, splitPercent: [30, 30, 40], interval: 'monthly' as const },
  ],
  planMinFirstPartMinor: 10000,
  planMaxDurationDays: 120,
  planMinInvoiceMinor: 50000,
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
  /** French companies only. */
  siren?: string;
  vatNumber: string;
  address: [string, string, string];
  /** ISO country; FR when absent. */
  country?: string;
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
    // A Belgian business: services to it are invoiced without VAT, under reverse charge.
    key: 'verhaegen',
    name: 'Maison Verhaegen SRL',
    vatNumber: 'BE0123456749',
    address: ['Rue Antoine Dansaert 58', '1000', 'Bruxelles'],
    country: 'BE',
    locale: 'fr',
    contacts: [{ name: 'Lotte Verhaegen', email: 'comptabilite@maison-verhaegen.be', roles: ['billing'] }],
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
  /** Issue 5's demo: a signed acceptance letter, an open dispute on the first line, or an accepted one. */
  acceptance?: 'signed';
  dispute?: 'open_on_first_line' | 'accepted';
  /** No VAT charged, and why (every line then at 0 %). */
  vatExemption?: 'reverse_charge';
  /** Issue 6: on a 3-part plan (first part paid), an active promise, or a broken one. */
  arrangement?: 'plan' | 'promise' | 'broken_promise';
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
    acceptance: 'signed',
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
  // Issued today, so it takes the last number and leaves the others' as they were.
  {
    customer: 'verhaegen',
    dueIn: 30,
    state: 'open',
    vatExemption: 'reverse_charge',
    lines: [L('Agencement de boutique : conception et plans', 1, 2400, 0), L('Suivi de chantier', 3, 420, 0)],
  },
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
  {
    customer: 'cabinet',
    dueIn: 18,
    state: 'open',
    po: 'CT-2026-07',
    acceptance: 'signed',
    lines: [L('Agencement de l’accueil, chêne clair', 1, 4600), L('Pose et finitions', 12, 55, 2000, 'h')],
  },
  {
    customer: 'hotel',
    dueIn: -6,
    state: 'open',
    po: 'PO-7802',
    acceptance: 'signed',
    dispute: 'open_on_first_line',
    lines: [L('Lambris de la salle des petits-déjeuners', 32, 95, 2000, 'm²'), L('Buffet en chêne', 1, 2300)],
  },
  {
    customer: 'garage',
    dueIn: -9,
    state: 'open',
    dispute: 'accepted',
    lines: [L('Portes d’atelier, remise en jeu', 3, 240), L('Peinture des portes', 3, 160)],
  },
  {
    customer: 'hotel',
    dueIn: -20,
    state: 'open',
    lines: [L('Banquettes du restaurant, garnissage', 6, 480)],
    arrangement: 'plan',
  },
  {
    customer: 'garage',
    dueIn: -10,
    state: 'open',
    lines: [L('Établi en hêtre, 3 m', 2, 640)],
    arrangement: 'promise',
  },
  {
    customer: 'creche',
    dueIn: -25,
    state: 'open',
    lines: [L('Bacs à jouets sur roulettes', 12, 75)],
    arrangement: 'broken_promise',
  },
];
