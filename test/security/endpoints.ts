/**
 * Every route the app answers, one entry per (route file, method): the security suites (hostile input, access,
 * headers) are driven by this table. A new route file fails routes-covered.test.ts until it has an entry here (or a
 * line in EXCLUDED saying why not); admin routes live in admin-invoice-endpoints.ts and admin-account-endpoints.ts.
 * To add a route: its file, path with :params, who may call it, and for a form its fields (valid values) and
 * `refused` values (each must get a 4xx and write nothing).
 */
import fc from 'fast-check';
import { junkId } from './hostile';
import {
  badAmount,
  badDate,
  badEmail,
  blank,
  datesFrom,
  debtor,
  type Endpoint,
  notOneOf,
  oneOf,
  password,
  statement,
  text,
  tooLong,
} from './endpoint-kit';
import type { Side } from './world';
import { ADMIN_ACCOUNT_ENDPOINTS } from './admin-account-endpoints';
import { ADMIN_INVOICE_ENDPOINTS } from './admin-invoice-endpoints';

export { isBearer, isForm, pathOf, todayOf, type Endpoint } from './endpoint-kit';

/** Route files that deliberately have no entry, and why. */
export const EXCLUDED: Record<string, string> = {};

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

  ...ADMIN_INVOICE_ENDPOINTS,
  ...ADMIN_ACCOUNT_ENDPOINTS,

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
