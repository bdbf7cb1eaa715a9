/**
 * Every route the app answers, one entry per (route file, method): the security suites (hostile input, access,
 * headers) are driven by this table. A new route file fails routes-covered.test.ts until it has an entry here (or a
 * line in EXCLUDED saying why not). To add a route: its file, path with :params, who may call it, and for a form
 * its fields (valid values) and `refused` values (each must get a 4xx and write nothing).
 */
import fc from 'fast-check';
import { addDaysIso, todayIn } from '~/utils/dates';
import { encodeField, hostileString, junkId, MALICIOUS, WRONG_TYPES } from './hostile';
import type { Side, World } from './world';

/**
 * public: anyone; debtor: a live invoice or statement token in the path; token: a live invitation or password-reset
 * token in the path (no session; a dead one gets 404 like a debtor's); admin: any signed-in user of the business;
 * owner: the owner only (staff get 403); webhook: a provider's signed request.
 */
export type Access = 'public' | 'debtor' | 'token' | 'admin' | 'owner' | 'webhook';

/** A bearer token in the path is the only credential. */
export const isBearer = (e: { access: Access }) => e.access === 'debtor' || e.access === 'token';

type Fields = Record<string, fc.Arbitrary<string>>;

export type Endpoint = {
  /** The file under app/routes/ that answers (several entries may share one). */
  route: string;
  method: 'GET' | 'POST';
  /** With :name placeholders, filled from `params`. */
  path: string;
  params?: (s: Side) => Record<string, string>;
  access: Access;
  /** Query parameters the loader reads: fuzzed, never a 5xx. */
  query?: string[];
  /** A POST form: each field's valid values (the CSRF token is added by the suite). */
  fields?: (s: Side, today: string) => Fields;
  /**
   * Values each named field must refuse (others get valid or hostile values): the answer is a 4xx, nothing is
   * written. `w` gives the stranger's ids (business B), which must be refused like junk.
   */
  refused?: (s: Side, w: World, today: string) => Fields;
  /** Fields whose refusal is shown beside the field on the page (a plain HTML form post). */
  beside?: string[];
  /** A POST that never writes (a preview): hostile input gives any non-5xx answer, still with nothing written. */
  readOnly?: boolean;
  /** Pages whose answer is a document a browser renders (for the header suite): page, pdf, json, js, redirect. */
  kind?: 'page' | 'pdf' | 'json' | 'script' | 'redirect' | 'html' | 'image';
};

/** Route files that deliberately have no entry, and why. */
export const EXCLUDED: Record<string, string> = {};

const oneOf = (...values: string[]) => fc.constantFrom(...values);
const text = (max: number) =>
  fc.string({ minLength: 1, maxLength: Math.min(max, 60) }).filter((v) => v.trim() !== '');
const tooLong = (max: number) => fc.integer({ min: max + 1, max: max + 2000 }).map((n) => 'x'.repeat(n));
// NUL is refused for the whole form (app/utils/form.server.ts), not beside a field: hostileString covers it.
const blank = oneOf('', ' ', '\t');
// NUL-bearing values are refused for the whole form, so they cannot stand for a refusal beside one field.
const notOneOf = (...allowed: string[]) =>
  hostileString.filter((v) => !allowed.includes(v.trim()) && !allowed.includes(v) && !v.includes('\u0000'));
const badAmount = fc.oneof(
  oneOf(
    '-1',
    '-0.01',
    '0',
    '-0',
    '1e309',
    'NaN',
    'Infinity',
    '0x10',
    '9'.repeat(400),
    '1e3',
    'abc',
    '<b>1</b>',
  ),
  fc.constantFrom(...WRONG_TYPES, ...MALICIOUS.filter((m) => m.trim() !== '' && !m.includes('\u0000'))),
);
const badDate = (today: string) =>
  fc.oneof(
    oneOf(
      '2026-02-30',
      '2026-13-01',
      '0000-00-00',
      '99999-01-01',
      '2026-1-1',
      '01/02/2026',
      'yesterday',
      '1e9',
    ),
    fc.constantFrom(...MALICIOUS.filter((m) => m.trim() !== '' && !m.includes('\u0000'))),
    fc.constant(addDaysIso(today, -400)),
  );
const datesFrom = (today: string, days: number) =>
  fc.integer({ min: 0, max: days }).map((n) => addDaysIso(today, n));

const debtor = (s: Side) => ({ token: s.open.token });
const statement = (s: Side) => ({ token: s.statementToken });
const customer = (s: Side) => ({ id: s.customerId });
const password = oneOf('correct-horse-battery-staple');
const badEmail = notOneOf().filter((v) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v.trim()));
const customerFields = () => ({
  name: text(200),
  country: oneOf('FR', 'be'),
  locale: oneOf('fr', 'en'),
  currency: oneOf('', 'EUR', 'USD'),
  termsDays: oneOf('', '30', '365'),
  depositPercent: oneOf('30', '1', '99'),
  addressLine1: fc.string({ maxLength: 200 }),
  notes: fc.string({ maxLength: 200 }),
});
const customerRefused = () => ({
  name: fc.oneof(blank, tooLong(200)),
  country: fc.oneof(oneOf('F', 'FRA', '12', '<b>'), blank),
  locale: notOneOf('fr', 'en'),
  currency: notOneOf('', 'EUR', 'USD', 'GBP', 'CHF'),
  termsDays: oneOf('366', '-1', 'abc', '1.5', '1e2', '9999'),
  depositPercent: oneOf('0', '100', '', 'abc', '-5', '1.5'),
  addressLine1: tooLong(200),
  notes: tooLong(2000),
});

export const ENDPOINTS: Endpoint[] = [
  // Debtor pages: a token in the path is the only credential.
  {
    route: 'i.$token.tsx',
    method: 'GET',
    path: '/i/:token',
    params: debtor,
    access: 'debtor',
    kind: 'page',
    query: ['lang', 'payment_intent', 'redirect_status'],
  },
  {
    route: 'i.$token.tsx',
    method: 'POST',
    path: '/i/:token',
    params: debtor,
    access: 'debtor',
    fields: () => ({ intent: oneOf('pay'), amount: oneOf('', '1650,00', '1 650,00') }),
    refused: () => ({
      intent: notOneOf('pay', 'payment-returned'),
      amount: fc.oneof(badAmount, oneOf('10,00', '999999', '0,01')),
    }),
  },
  {
    route: 'i_.$token.pdf.ts',
    method: 'GET',
    path: '/i/:token/pdf',
    params: debtor,
    access: 'debtor',
    kind: 'pdf',
    query: ['lang'],
  },
  {
    route: 'i_.$token.receipt.$paymentId.ts',
    method: 'GET',
    path: '/i/:token/receipt/:paymentId',
    params: (s) => ({ token: s.paid.token, paymentId: s.paid.paymentId }),
    access: 'debtor',
    kind: 'pdf',
  },
  {
    route: 'i_.$token.credit-note.$id.ts',
    method: 'GET',
    path: '/i/:token/credit-note/:id',
    params: (s) => ({ token: s.credited.token, id: s.credited.creditNoteId }),
    access: 'debtor',
    kind: 'pdf',
  },
  {
    route: 'i_.$token.letter[.]pdf.ts',
    method: 'GET',
    path: '/i/:token/letter.pdf',
    params: (s) => ({ token: s.signed.token }),
    access: 'debtor',
    kind: 'pdf',
  },
  {
    route: 'i_.$token.accept.tsx',
    method: 'GET',
    path: '/i/:token/accept',
    params: (s) => ({ token: s.draft.token }),
    access: 'debtor',
    kind: 'page',
    query: ['signed', 'lang'],
  },
  {
    route: 'i_.$token.accept.tsx',
    method: 'POST',
    path: '/i/:token/accept',
    params: (s) => ({ token: s.draft.token }),
    access: 'debtor',
    fields: () => ({
      intent: oneOf('sign'),
      signerName: text(120),
      signerRole: text(120),
      consent: oneOf('on'),
      signatureSvg: oneOf('M 10 10 L 20 20', 'M10 10 L290 90'),
      letterSha256: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
    }),
    refused: () => ({
      signerName: fc.oneof(blank, tooLong(120)),
      signerRole: fc.oneof(blank, tooLong(120)),
      consent: notOneOf('on'),
      signatureSvg: oneOf('<svg onload="alert(1)"/>', 'M 10 10 <script>', 'javascript:alert(1)', 'M 9999 1'),
      letterSha256: notOneOf(),
    }),
    beside: ['signerName', 'signerRole'],
  },
  {
    route: 'i_.$token.dispute.tsx',
    method: 'GET',
    path: '/i/:token/dispute',
    params: debtor,
    access: 'debtor',
    kind: 'page',
  },
  {
    route: 'i_.$token.dispute.tsx',
    method: 'POST',
    path: '/i/:token/dispute',
    params: debtor,
    access: 'debtor',
    fields: (s) => ({
      intent: oneOf('open'),
      scope: oneOf('lines'),
      lineIds: fc.constantFrom(...s.open.lineIds),
      reason: oneOf('not_delivered', 'not_as_described', 'wrong_amount', 'already_paid', 'other'),
      message: text(5000),
    }),
    refused: (_s, w) => ({
      intent: notOneOf('open', 'message'),
      scope: notOneOf('invoice', 'lines'),
      reason: notOneOf('not_delivered', 'not_as_described', 'wrong_amount', 'already_paid', 'other'),
      message: fc.oneof(blank, tooLong(5000)),
      lineIds: fc.oneof(
        fc.constantFrom(...w.b.open.lineIds),
        fc.constant(w.a.disputed.invoiceId),
        junkId.filter((v) => v !== ''),
      ),
    }),
    beside: ['message', 'reason'],
  },
  {
    route: 'i_.$token.plan.tsx',
    method: 'GET',
    path: '/i/:token/plan',
    params: debtor,
    access: 'debtor',
    kind: 'page',
  },
  {
    route: 'i_.$token.plan.tsx',
    method: 'POST',
    path: '/i/:token/plan',
    params: debtor,
    access: 'debtor',
    fields: () => ({ intent: oneOf('choose'), offerId: oneOf('x3', '3m', '2m') }),
    refused: () => ({
      intent: notOneOf('choose', 'pay-part', 'pay-rest', 'payment-returned'),
      offerId: fc.oneof(blank, tooLong(40), oneOf('<script>', "' OR 1=1", '../x')),
    }),
  },
  {
    route: 'i_.$token.promise.tsx',
    method: 'GET',
    path: '/i/:token/promise',
    params: debtor,
    access: 'debtor',
    kind: 'page',
  },
  {
    route: 'i_.$token.promise.tsx',
    method: 'POST',
    path: '/i/:token/promise',
    params: debtor,
    access: 'debtor',
    fields: (_s, today) => ({
      promisedDate: datesFrom(today, 14),
      amount: oneOf('', '100,00', '10'),
      reason: oneOf('cash_flow', 'awaiting_approval', 'invoice_not_received', 'other'),
      note: fc.string({ maxLength: 200 }),
    }),
    refused: (_s, _w, today) => ({
      promisedDate: badDate(today),
      amount: fc.oneof(badAmount, oneOf('999999999')),
      reason: notOneOf('cash_flow', 'awaiting_approval', 'invoice_not_received', 'other', ''),
      note: tooLong(1000),
    }),
    beside: ['promisedDate', 'amount', 'note'],
  },

  // Statement pages: the customer's statement token is the only credential.
  {
    route: 's.$token.tsx',
    method: 'GET',
    path: '/s/:token',
    params: statement,
    access: 'debtor',
    kind: 'page',
    query: ['lang', 'payment_intent', 'redirect_status'],
  },
  {
    route: 's.$token.tsx',
    method: 'POST',
    path: '/s/:token',
    params: statement,
    access: 'debtor',
    fields: (s) => ({
      intent: oneOf('pay'),
      currency: oneOf('EUR'),
      amount: oneOf(''),
      invoice: oneOf(s.open.invoiceId),
    }),
    refused: (_s, w) => ({
      intent: notOneOf('pay', 'payment-returned'),
      currency: notOneOf('EUR'),
      invoice: fc.oneof(fc.constant(w.b.open.invoiceId), junkId),
    }),
  },
  {
    route: 's_.$token.pdf.ts',
    method: 'GET',
    path: '/s/:token/pdf',
    params: statement,
    access: 'debtor',
    kind: 'pdf',
    query: ['lang'],
  },
  {
    route: 's_.$token.invoice.$id.ts',
    method: 'GET',
    path: '/s/:token/invoice/:id',
    params: (s) => ({ token: s.statementToken, id: s.open.invoiceId }),
    access: 'debtor',
    kind: 'redirect',
    query: ['lang'],
  },

  // Admin: a session cookie of the business's users.
  { route: 'admin.tsx', method: 'GET', path: '/admin', access: 'admin', kind: 'redirect' },
  { route: 'admin._index.tsx', method: 'GET', path: '/admin/', access: 'admin', kind: 'redirect' },
  {
    route: 'admin.invoices._index.tsx',
    method: 'GET',
    path: '/admin/invoices',
    access: 'admin',
    kind: 'page',
    query: ['q', 'status', 'page', 'filter', 'lang'],
  },
  {
    route: 'admin.invoices.new.tsx',
    method: 'GET',
    path: '/admin/invoices/new',
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.invoices.new.tsx',
    method: 'POST',
    path: '/admin/invoices/new',
    access: 'admin',
    fields: (s, today) => ({
      customerId: oneOf(s.customerId),
      currency: oneOf('EUR'),
      issueDate: oneOf(today),
      dueDate: datesFrom(today, 60),
      'lines[0].description': text(1000),
      'lines[0].quantity': oneOf('1', '2,5', '1000'),
      'lines[0].unitPrice': oneOf('10', '1 200,00', '0,35'),
      'lines[0].taxRate': oneOf('20', '5,5', '0'),
    }),
    refused: (_s, w, today) => ({
      customerId: fc.oneof(fc.constant(w.b.customerId), junkId),
      currency: notOneOf('EUR', 'USD', 'GBP', 'CHF'),
      issueDate: badDate(today).filter(
        (d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || d.startsWith('2026-02-30') || d.startsWith('2026-13'),
      ),
      'lines[0].description': fc.oneof(blank, tooLong(1000)),
      'lines[0].quantity': badAmount,
      'lines[0].unitPrice': fc.oneof(badAmount, oneOf('1000000001', '99999999999')),
      'lines[0].taxRate': fc.oneof(
        badAmount.filter((v) => v !== '0' && v !== '-0'),
        oneOf('100,01', '250'),
      ),
    }),
    beside: [
      'customerId',
      'currency',
      'issueDate',
      'lines[0].description',
      'lines[0].quantity',
      'lines[0].unitPrice',
      'lines[0].taxRate',
    ],
  },
  {
    route: 'admin.invoices.$id.tsx',
    method: 'GET',
    path: '/admin/invoices/:id',
    params: (s) => ({ id: s.open.invoiceId }),
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.invoices.$id.tsx',
    method: 'POST',
    path: '/admin/invoices/:id',
    params: (s) => ({ id: s.open.invoiceId }),
    access: 'admin',
    fields: (_s, today) => ({
      intent: oneOf('payment'),
      amount: oneOf('10', '0,01', '100,50'),
      receivedOn: oneOf(today, addDaysIso(today, -3)),
      method: oneOf('bank_transfer', 'cheque', 'cash', 'other'),
      reference: fc.string({ maxLength: 200 }),
    }),
    refused: (_s, _w, today) => ({
      intent: notOneOf('issue', 'rotate', 'revoke', 'payment', 'void', 'refund', 'request-acceptance'),
      amount: fc.oneof(badAmount, oneOf('999999999')),
      receivedOn: fc.oneof(
        badDate(today).filter((d) => d !== addDaysIso(today, -400)),
        oneOf(addDaysIso(today, 2)),
      ),
      method: notOneOf('bank_transfer', 'cheque', 'cash', 'other'),
      reference: tooLong(200),
    }),
    beside: ['amount', 'receivedOn', 'reference'],
  },
  {
    route: 'admin.invoices.$id_.promise.tsx',
    method: 'GET',
    path: '/admin/invoices/:id/promise',
    params: (s) => ({ id: s.open.invoiceId }),
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.invoices.$id_.promise.tsx',
    method: 'POST',
    path: '/admin/invoices/:id/promise',
    params: (s) => ({ id: s.open.invoiceId }),
    access: 'admin',
    fields: (_s, today) => ({
      promisedDate: datesFrom(today, 14),
      amount: oneOf('', '100,00'),
      reason: oneOf('cash_flow', 'other'),
      note: fc.string({ maxLength: 200 }),
    }),
    refused: (_s, _w, today) => ({
      promisedDate: badDate(today),
      amount: fc.oneof(badAmount, oneOf('999999999')),
      note: tooLong(1000),
    }),
    beside: ['promisedDate', 'amount', 'note'],
  },
  {
    route: 'admin.invoices.$id.letter[.]pdf.ts',
    method: 'GET',
    path: '/admin/invoices/:id/letter.pdf',
    params: (s) => ({ id: s.signed.invoiceId }),
    access: 'admin',
    kind: 'pdf',
  },
  {
    route: 'admin.credit-notes.$id.pdf.ts',
    method: 'GET',
    path: '/admin/credit-notes/:id/pdf',
    params: (s) => ({ id: s.credited.creditNoteId }),
    access: 'admin',
    kind: 'pdf',
  },
  {
    route: 'admin.payments.$id.receipt.ts',
    method: 'GET',
    path: '/admin/payments/:id/receipt',
    params: (s) => ({ id: s.paid.paymentId }),
    access: 'admin',
    kind: 'pdf',
  },
  {
    route: 'admin.customers._index.tsx',
    method: 'GET',
    path: '/admin/customers',
    access: 'admin',
    kind: 'page',
    query: ['q', 'filter', 'page'],
  },
  {
    route: 'admin.customers.$id.tsx',
    method: 'GET',
    path: '/admin/customers/:id',
    params: (s) => ({ id: s.customerId }),
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.customers.$id.tsx',
    method: 'POST',
    path: '/admin/customers/:id',
    params: (s) => ({ id: s.customerId }),
    access: 'admin',
    fields: (s) => ({
      dunningPolicyId: oneOf('default', s.policyId),
      creditPolicy: oneOf('standard', 'deposit_required'),
    }),
    refused: (_s, w) => ({
      dunningPolicyId: fc.oneof(
        fc.constant(w.b.policyId),
        junkId.filter((v) => v.trim() !== '' && v.trim() !== 'default'),
      ),
      creditPolicy: notOneOf('standard', 'deposit_required', 'prepay_only'),
    }),
    beside: ['creditPolicy'],
  },
  {
    route: 'admin.disputes._index.tsx',
    method: 'GET',
    path: '/admin/disputes',
    access: 'admin',
    kind: 'page',
    query: ['status', 'filter'],
  },
  {
    route: 'admin.disputes.$id.tsx',
    method: 'GET',
    path: '/admin/disputes/:id',
    params: (s) => ({ id: s.disputed.disputeId }),
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.disputes.$id.tsx',
    method: 'POST',
    path: '/admin/disputes/:id',
    params: (s) => ({ id: s.disputed.disputeId }),
    access: 'admin',
    fields: () => ({ intent: oneOf('reply'), body: text(5000) }),
    refused: () => ({ intent: notOneOf('reply', 'accept', 'reject'), body: fc.oneof(blank, tooLong(5000)) }),
    beside: ['body'],
  },
  {
    route: 'admin.dunning._index.tsx',
    method: 'GET',
    path: '/admin/dunning',
    access: 'admin',
    kind: 'page',
    query: ['deleted'],
  },
  {
    route: 'admin.dunning._index.tsx',
    method: 'POST',
    path: '/admin/dunning',
    access: 'admin',
    fields: () => ({ name: text(80), from: oneOf('default', 'empty') }),
    refused: () => ({ name: fc.oneof(blank, tooLong(200)), from: notOneOf('default', 'empty', '') }),
    beside: ['name'],
  },
  {
    route: 'admin.dunning.$policyId.tsx',
    method: 'GET',
    path: '/admin/dunning/:id',
    params: (s) => ({ id: s.policyId }),
    access: 'admin',
    kind: 'page',
    query: ['step', 'invoice', 'previewLang', 'done', 'created'],
  },
  {
    route: 'admin.dunning.$policyId.tsx',
    method: 'POST',
    // As the "add a step" form posts it: the editor of the new step answers.
    path: '/admin/dunning/:id?step=new',
    params: (s) => ({ id: s.policyId }),
    access: 'admin',
    fields: () => ({
      intent: oneOf('add-step'),
      offsetDays: fc.integer({ min: 1, max: 90 }).map(String),
      channel: oneOf('email'),
      tone: oneOf('friendly', 'firm'),
      subjectFr: oneOf('Rappel {{invoice_number}}'),
      bodyFr: oneOf('Bonjour, la facture {{invoice_number}} reste à régler.'),
      subjectEn: oneOf('Reminder {{invoice_number}}'),
      bodyEn: oneOf('Hello, invoice {{invoice_number}} is still due.'),
    }),
    refused: () => ({
      intent: notOneOf('add-step', 'update-step', 'remove-step', 'rename', 'delete'),
      offsetDays: fc.oneof(
        badAmount.filter((v) => !/^[+-]?\d{1,3}$/.test(v.trim())),
        oneOf('99999', '1.5', '1e2'),
      ),
      channel: notOneOf('email', 'call_task', 'letter', 'collections_task'),
      tone: notOneOf('friendly', 'firm', 'formal'),
      subjectFr: fc.oneof(blank, oneOf('{{nope}}', '{{invoice_number')),
      bodyEn: fc.oneof(blank, tooLong(20_000), oneOf('{{<script>}}')),
    }),
    beside: ['offsetDays', 'subjectFr', 'bodyEn'],
  },
  {
    route: 'admin.dunning.$policyId.preview.ts',
    method: 'GET',
    path: '/admin/dunning/:id/preview',
    params: (s) => ({ id: s.policyId }),
    access: 'admin',
    kind: 'html',
    query: ['invoice', 'previewLang', 'step'],
  },
  {
    route: 'admin.dunning.$policyId.preview.ts',
    method: 'POST',
    path: '/admin/dunning/:id/preview',
    params: (s) => ({ id: s.policyId }),
    access: 'admin',
    readOnly: true,
    fields: (s) => ({
      previewInvoiceId: oneOf(s.open.invoiceId),
      previewLang: oneOf('fr', 'en'),
      offsetDays: oneOf('7'),
      channel: oneOf('email'),
      tone: oneOf('friendly'),
      subjectFr: oneOf('Rappel {{invoice_number}}'),
      bodyFr: oneOf('Bonjour'),
      subjectEn: oneOf('Reminder'),
      bodyEn: oneOf('Hello'),
    }),
    refused: (_s, w) => ({
      previewInvoiceId: fc.oneof(fc.constant(w.b.open.invoiceId), junkId),
      previewLang: hostileString,
      offsetDays: badAmount,
      bodyFr: hostileString,
    }),
  },
  {
    route: 'admin.outbox._index.tsx',
    method: 'GET',
    path: '/admin/outbox',
    access: 'admin',
    kind: 'page',
    query: ['page'],
  },
  {
    route: 'admin.outbox.$id.tsx',
    method: 'GET',
    path: '/admin/outbox/:id',
    params: (s) => ({ id: s.emailId }),
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.outbox.$id.html.ts',
    method: 'GET',
    path: '/admin/outbox/:id/html',
    params: (s) => ({ id: s.emailId }),
    access: 'admin',
    kind: 'html',
  },
  {
    route: 'admin.outbox.$id.attachments.$index.ts',
    method: 'GET',
    path: '/admin/outbox/:id/attachments/:index',
    params: (s) => ({ id: s.attachedEmailId, index: '0' }),
    access: 'admin',
    kind: 'pdf',
  },
  { route: 'admin.plans._index.tsx', method: 'GET', path: '/admin/plans', access: 'admin', kind: 'page' },
  {
    route: 'admin.plans._index.tsx',
    method: 'POST',
    path: '/admin/plans',
    access: 'admin',
    fields: () => ({ planId: fc.uuid() }),
    refused: (_s, w) => ({ planId: fc.oneof(junkId, fc.constant(w.b.open.invoiceId)) }),
  },
  {
    route: 'admin.plans.settings.tsx',
    method: 'GET',
    path: '/admin/plans/settings',
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.plans.settings.tsx',
    method: 'POST',
    path: '/admin/plans/settings',
    access: 'admin',
    fields: () => ({
      'offers[0].parts': oneOf('3', ''),
      'offers[0].interval': oneOf('monthly', 'biweekly'),
      minFirstPart: oneOf('0', '50'),
      maxDurationDays: oneOf('90', '180'),
      minInvoice: oneOf('0', '200'),
      promiseMaxDays: oneOf('14', '30'),
      promiseMaxPerInvoice: oneOf('2', '3'),
    }),
    refused: () => ({
      'offers[0].parts': notOneOf('', '2', '3', '4', '5', '6'),
      'offers[0].interval': notOneOf('monthly', 'biweekly'),
      minFirstPart: badAmount.filter((v) => !['0', '-0', '1e3'].includes(v)),
      maxDurationDays: fc.oneof(badAmount, oneOf('13', '731', '99999')),
      promiseMaxDays: fc.oneof(
        badAmount.filter((v) => v !== '0'),
        oneOf('366'),
      ),
      promiseMaxPerInvoice: fc.oneof(badAmount, oneOf('11')),
    }),
    beside: ['maxDurationDays', 'promiseMaxDays', 'promiseMaxPerInvoice'],
  },
  {
    // The per-customer switch on the same page: only the business's own customers.
    route: 'admin.plans.settings.tsx',
    method: 'POST',
    path: '/admin/plans/settings?customer',
    access: 'admin',
    fields: (s) => ({
      intent: oneOf('customer'),
      customerId: oneOf(s.customerId),
      allowed: oneOf('yes', 'no'),
    }),
    refused: (_s, w) => ({ customerId: fc.oneof(fc.constant(w.b.customerId), junkId) }),
  },
  {
    route: 'admin.tasks._index.tsx',
    method: 'GET',
    path: '/admin/tasks',
    access: 'admin',
    kind: 'page',
    query: ['kind'],
  },
  {
    route: 'admin.tasks.$id.tsx',
    method: 'GET',
    path: '/admin/tasks/:id',
    params: (s) => ({ id: s.taskId }),
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.tasks.$id.tsx',
    method: 'POST',
    path: '/admin/tasks/:id',
    params: (s) => ({ id: s.taskId }),
    access: 'admin',
    fields: (_s, today) => ({
      intent: oneOf('outcome'),
      reached: oneOf('yes'),
      promisedDate: datesFrom(today, 7),
      promiseReason: oneOf('cash_flow'),
      notes: fc.string({ maxLength: 200 }),
    }),
    refused: (_s, _w, today) => ({
      intent: notOneOf('outcome', 'complete'),
      reached: notOneOf('yes', 'no'),
      promisedDate: badDate(today),
      promiseReason: notOneOf('cash_flow', 'awaiting_approval', 'invoice_not_received', 'other', ''),
      notes: tooLong(5000),
    }),
    beside: ['promisedDate', 'notes'],
  },
  {
    route: 'admin.acceptance-letters.tsx',
    method: 'GET',
    path: '/admin/acceptance-letters',
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.acceptance-letters.tsx',
    method: 'POST',
    path: '/admin/acceptance-letters',
    access: 'admin',
    fields: (s) => ({
      titleFr: oneOf('Lettre d’acceptation'),
      bodyFr: oneOf('Je soussigné accepte la facture {{invoice_number}}.'),
      titleEn: oneOf('Acceptance letter'),
      bodyEn: oneOf('I accept invoice {{invoice_number}}.'),
      required: oneOf(s.customerId),
    }),
    refused: (_s, w) => ({
      titleFr: fc.oneof(blank, tooLong(300)),
      bodyFr: fc.oneof(blank, oneOf('{{nope}}', '{{ invoice_number')),
      required: fc.oneof(fc.constant(w.b.customerId), junkId),
    }),
    beside: ['titleFr', 'bodyFr'],
  },
  {
    route: 'admin.customers.new.tsx',
    method: 'GET',
    path: '/admin/customers/new',
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.customers.new.tsx',
    method: 'POST',
    path: '/admin/customers/new',
    access: 'admin',
    fields: customerFields,
    refused: customerRefused,
    beside: ['name', 'country', 'termsDays', 'depositPercent'],
  },
  {
    route: 'admin.customers.$id_.edit.tsx',
    method: 'GET',
    path: '/admin/customers/:id/edit',
    params: customer,
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.customers.$id_.edit.tsx',
    method: 'POST',
    path: '/admin/customers/:id/edit',
    params: customer,
    access: 'admin',
    fields: customerFields,
    refused: customerRefused,
    beside: ['name', 'country', 'termsDays', 'depositPercent'],
  },
  {
    route: 'admin.customers.$id_.contacts.tsx',
    method: 'GET',
    path: '/admin/customers/:id/contacts',
    params: customer,
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.customers.$id_.contacts.tsx',
    method: 'POST',
    path: '/admin/customers/:id/contacts',
    params: customer,
    access: 'admin',
    fields: () => ({
      intent: oneOf('save'),
      name: text(200),
      email: oneOf('compta@client.test', 'ap@example.org'),
      phone: oneOf('', '+33 1 23 45 67 89'),
      roles: oneOf('billing', 'accounts_payable', 'project_lead'),
    }),
    refused: () => ({
      intent: notOneOf('save', 'remove'),
      name: fc.oneof(blank, tooLong(200)),
      email: badEmail,
      phone: oneOf('abc', '12', '<script>', '+33 1 23 45 67 89 00 11 22 33'),
      roles: notOneOf('billing', 'accounts_payable', 'project_lead'),
    }),
    // No `beside`: the page holds one form per contact with the same field names, and the suite's lookup finds the
    // first (an existing contact's), not the new-contact form the message is shown in.
  },
  {
    route: 'admin.customers.$id_.statement.tsx',
    method: 'GET',
    path: '/admin/customers/:id/statement',
    params: customer,
    access: 'admin',
    kind: 'page',
  },
  {
    // Rotating revokes the statement link: the statement's own entries come earlier in the table.
    route: 'admin.customers.$id_.statement.tsx',
    method: 'POST',
    path: '/admin/customers/:id/statement',
    params: customer,
    access: 'admin',
    fields: () => ({ intent: oneOf('rotate', 'revoke') }),
    refused: () => ({ intent: notOneOf('send', 'rotate', 'revoke') }),
  },
  {
    route: 'admin.customers.$id_.statement[.]pdf.ts',
    method: 'GET',
    path: '/admin/customers/:id/statement.pdf',
    params: customer,
    access: 'admin',
    kind: 'pdf',
  },
  {
    route: 'admin.invoices.$id_.collections.tsx',
    method: 'GET',
    path: '/admin/invoices/:id/collections',
    params: (s) => ({ id: s.overdue.invoiceId }),
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.invoices.$id_.collections.tsx',
    method: 'POST',
    path: '/admin/invoices/:id/collections',
    params: (s) => ({ id: s.overdue.invoiceId }),
    access: 'admin',
    fields: (_s, today) => ({
      agencyName: text(200),
      handedOn: fc.integer({ min: 0, max: 10 }).map((n) => addDaysIso(today, -n)),
      amount: oneOf('10', '100,00', '0,01'),
      note: fc.string({ maxLength: 200 }),
    }),
    refused: (_s, _w, today) => ({
      agencyName: fc.oneof(blank, tooLong(200)),
      handedOn: fc.oneof(badDate(today), oneOf(addDaysIso(today, 1), addDaysIso(today, -30))),
      amount: fc.oneof(badAmount, oneOf('99999999')),
      note: tooLong(2000),
    }),
    beside: ['agencyName', 'handedOn', 'amount', 'note'],
  },
  {
    route: 'admin.invoices.$id.case-file[.]pdf.ts',
    method: 'GET',
    path: '/admin/invoices/:id/case-file.pdf',
    params: (s) => ({ id: s.handed.invoiceId }),
    access: 'admin',
    kind: 'pdf',
  },
  {
    route: 'admin.collections._index.tsx',
    method: 'GET',
    path: '/admin/collections',
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.reports.aging.tsx',
    method: 'GET',
    path: '/admin/reports/aging',
    access: 'admin',
    kind: 'page',
    query: ['lang', 'page', 'currency'],
  },
  {
    route: 'admin.reports.aging[.]csv.ts',
    method: 'GET',
    path: '/admin/reports/aging.csv',
    access: 'admin',
    query: ['sep', 'lang'],
  },
  {
    route: 'admin.reports.aging_.invoices.tsx',
    method: 'GET',
    path: '/admin/reports/aging/invoices',
    access: 'admin',
    kind: 'page',
    query: ['customer', 'currency', 'bucket', 'page'],
  },
  {
    route: 'admin.reports.collections.tsx',
    method: 'GET',
    path: '/admin/reports/collections',
    access: 'admin',
    kind: 'page',
    query: ['month', 'currency'],
  },
  {
    route: 'admin.settings._index.tsx',
    method: 'GET',
    path: '/admin/settings',
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.settings._index.tsx',
    method: 'POST',
    path: '/admin/settings',
    access: 'owner',
    fields: () => ({
      name: text(120),
      addressLine1: text(200),
      postalCode: oneOf('75011', '1000'),
      city: text(100),
      country: oneOf('FR', 'BE'),
      email: oneOf('contact@atelier.test'),
      siren: oneOf('', '732 829 320'),
      iban: oneOf('', 'FR76 3000 6000 0112 3456 7890 189'),
      defaultTermsDays: oneOf('30', '0', '365'),
      penaltyRate: oneOf('', '10,5'),
      emailFromName: oneOf('', 'Atelier Lumière'),
    }),
    refused: () => ({
      name: fc.oneof(blank, tooLong(120)),
      postalCode: fc.oneof(blank, tooLong(16)),
      country: fc.oneof(oneOf('F', 'FRA', '12'), blank),
      email: badEmail,
      siren: oneOf('123', 'abcdefghi', '732829321'),
      iban: oneOf('FR76', 'XX00 0000', 'FR76 3000 6000 0112 3456 7890 188'),
      defaultTermsDays: oneOf('366', '-1', 'abc', '1.5', ''),
      penaltyRate: oneOf('abc', '100,001', '10001', '-1'),
      emailFromName: oneOf('a"b', '<x>', 'a\r\nBcc: x@y.z'),
    }),
    beside: ['name', 'country', 'email', 'defaultTermsDays'],
  },
  {
    route: 'admin.settings.audit.tsx',
    method: 'GET',
    path: '/admin/settings/audit',
    access: 'owner',
    kind: 'page',
    query: ['before'],
  },
  {
    route: 'admin.settings.sessions.tsx',
    method: 'GET',
    path: '/admin/settings/sessions',
    access: 'admin',
    kind: 'page',
  },
  {
    // Ending one of one's own sessions (a well-formed id that is not one: 404); "revoke-others" is left out so the
    // suite's own sessions survive.
    route: 'admin.settings.sessions.tsx',
    method: 'POST',
    path: '/admin/settings/sessions',
    access: 'admin',
    fields: () => ({ intent: oneOf('revoke'), sessionId: fc.uuid() }),
    refused: (s, w) => ({
      sessionId: fc.oneof(junkId, fc.constant(w.b.open.invoiceId), fc.constant(s.owner.id)),
    }),
  },
  {
    route: 'admin.settings.users.tsx',
    method: 'GET',
    path: '/admin/settings/users',
    access: 'admin',
    kind: 'page',
  },
  {
    route: 'admin.settings.users.tsx',
    method: 'POST',
    path: '/admin/settings/users',
    access: 'owner',
    fields: () => ({
      intent: oneOf('invite'),
      email: fc.uuid().map((u) => `new-${u.slice(0, 8)}@atelier.test`),
      role: oneOf('staff', 'owner'),
    }),
    refused: () => ({
      intent: notOneOf('invite', 'role', 'disable', 'enable', 'revoke-sessions', 'revoke-invite'),
      email: badEmail,
      role: notOneOf('owner', 'staff'),
    }),
    beside: ['email'],
  },

  // Public.
  {
    route: 'admin_.login.tsx',
    method: 'GET',
    path: '/admin/login',
    access: 'public',
    kind: 'page',
    query: ['next', 'lang'],
  },
  {
    route: 'admin_.login.tsx',
    method: 'POST',
    path: '/admin/login',
    access: 'public',
    fields: () => ({
      email: fc.emailAddress().filter((e) => e.length < 200),
      password: text(100),
      next: oneOf('/admin/tasks', ''),
    }),
    refused: () => ({
      email: notOneOf().filter((v) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)),
      password: fc.oneof(oneOf(''), tooLong(1024)),
    }),
    beside: ['email'],
  },
  { route: 'admin_.logout.tsx', method: 'GET', path: '/admin/logout', access: 'public', kind: 'redirect' },
  { route: 'admin_.logout.tsx', method: 'POST', path: '/admin/logout', access: 'public', fields: () => ({}) },
  {
    route: 'admin_.forgot-password.tsx',
    method: 'GET',
    path: '/admin/forgot-password',
    access: 'public',
    kind: 'page',
  },
  {
    route: 'admin_.forgot-password.tsx',
    method: 'POST',
    path: '/admin/forgot-password',
    access: 'public',
    fields: () => ({ email: fc.uuid().map((u) => `someone-${u.slice(0, 8)}@atelier.test`) }),
    refused: () => ({ email: badEmail }),
    beside: ['email'],
  },
  {
    route: 'admin_.invite.$token.tsx',
    method: 'GET',
    path: '/admin/invite/:token',
    params: (s) => ({ token: s.inviteToken }),
    access: 'token',
    kind: 'page',
  },
  {
    route: 'admin_.invite.$token.tsx',
    method: 'POST',
    path: '/admin/invite/:token',
    params: (s) => ({ token: s.inviteToken }),
    access: 'token',
    fields: () => ({ name: text(120), password, confirm: password }),
    refused: () => ({
      name: fc.oneof(blank, tooLong(120)),
      password: fc.oneof(oneOf('', 'short', 'elevenchars'), tooLong(256)),
      confirm: oneOf('', 'another-long-password'),
    }),
    beside: ['name', 'password', 'confirm'],
  },
  {
    route: 'admin_.reset-password.$token.tsx',
    method: 'GET',
    path: '/admin/reset-password/:token',
    params: (s) => ({ token: s.resetToken }),
    access: 'token',
    kind: 'page',
  },
  {
    route: 'admin_.reset-password.$token.tsx',
    method: 'POST',
    path: '/admin/reset-password/:token',
    params: (s) => ({ token: s.resetToken }),
    access: 'token',
    fields: () => ({ password, confirm: password }),
    refused: () => ({
      password: fc.oneof(oneOf('', 'short', 'elevenchars'), tooLong(256)),
      confirm: oneOf('', 'another-long-password'),
    }),
    beside: ['password', 'confirm'],
  },
  {
    route: 'logo.$businessId.$version.ts',
    method: 'GET',
    path: '/logo/:businessId/:version',
    params: (s) => ({ businessId: s.businessId, version: s.logoVersion }),
    access: 'public',
    kind: 'image',
  },
  { route: 'status.tsx', method: 'GET', path: '/status', access: 'public', kind: 'page' },
  {
    route: 'i18n.$file.ts',
    method: 'GET',
    path: '/i18n/:file',
    params: () => ({ file: 'debtor.fr.json' }),
    access: 'public',
    kind: 'json',
    query: ['v'],
  },
  {
    route: '[_simulated].stripe[.]js.ts',
    method: 'GET',
    path: '/_simulated/stripe.js',
    access: 'public',
    kind: 'script',
  },
  { route: 'webhooks.resend.ts', method: 'POST', path: '/webhooks/resend', access: 'webhook' },
  { route: 'webhooks.resend.ts', method: 'GET', path: '/webhooks/resend', access: 'webhook' },
];

/** CSV exports, checked cell by cell for formula injection (escaping.test.ts); each also has its route entry above. */
export const CSV_EXPORTS: { path: (s: Side) => string }[] = [
  { path: () => '/admin/reports/aging.csv' },
  { path: () => '/admin/reports/aging.csv?sep=comma' },
];

/** Fills a path's :params. */
export function pathOf(e: Endpoint, params: Record<string, string> = {}): string {
  return e.path.replace(/:([a-zA-Z]+)/g, (_, name: string) => encodeField(params[name] ?? ''));
}

export function todayOf(): string {
  return todayIn('Europe/Paris');
}

export const isForm = (e: Endpoint) => e.method === 'POST' && e.fields !== undefined;
