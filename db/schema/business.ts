import { sql } from 'drizzle-orm';
import { boolean, char, check, integer, jsonb, pgEnum, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, currency, id, money } from './columns';

/**
 * Why an invoice charges no VAT, as French law wants it stated on the invoice (CGI art. 242 nonies A): the
 * franchise for small businesses (art. 293 B), reverse charge on services to an EU business (autoliquidation),
 * goods delivered to an EU business (art. 262 ter I), export outside the EU (art. 262 I). Same values as
 * VAT_EXEMPTIONS in app/modules/invoices/form-options.ts.
 */
export const vatExemption = pgEnum('vat_exemption', [
  'franchise',
  'reverse_charge',
  'intra_eu_goods',
  'export',
]);

export type InstallmentOffer = {
  id: string;
  /** Number of parts, 2 to 6; the first is paid when the debtor agrees. */
  parts: number;
  /**
   * A custom split (percent of the balance per part, summing to 100, one per part, e.g. 30/30/40); absent means
   * equal parts. The last part takes the rounding either way.
   */
  splitPercent?: number[];
  interval: 'monthly' | 'biweekly';
};

/** One row per business: its identity and every setting the admin area edits. */
export const business = pgTable(
  'business',
  {
    id: id(),
    name: text('name').notNull(),
    legalForm: text('legal_form'),
    siren: text('siren'),
    vatNumber: text('vat_number'),
    addressLine1: text('address_line1').notNull(),
    addressLine2: text('address_line2'),
    postalCode: text('postal_code').notNull(),
    city: text('city').notNull(),
    country: char('country', { length: 2 }).notNull(),
    email: text('email').notNull(),
    phone: text('phone'),
    website: text('website'),
    logoUrl: text('logo_url'),
    iban: text('iban'),
    bic: text('bic'),
    timeZone: text('time_zone').notNull().default('Europe/Paris'),
    locale: text('locale').notNull().default('fr'),
    defaultCurrency: currency('default_currency').notNull().default('EUR'),
    defaultTermsDays: integer('default_terms_days').notNull().default(30),
    /** Late-payment penalty, basis points per year; null means the French statutory rate (ECB + 10 points). */
    penaltyRateBps: integer('penalty_rate_bps'),
    /** Fixed recovery indemnity per late invoice (EUR 40 in France, B2B). */
    recoveryIndemnityMinor: money('recovery_indemnity_minor').notNull().default(4000),
    paymentTermsText: text('payment_terms_text'),
    /** The VAT mention a new invoice starts with (a micro-entreprise under the franchise sets it once); null: VAT charged. */
    defaultVatExemption: vatExemption('default_vat_exemption'),
    partialPaymentsAllowed: boolean('partial_payments_allowed').notNull().default(false),
    minPartialPaymentMinor: money('min_partial_payment_minor').notNull().default(0),
    installmentOffers: jsonb('installment_offers').$type<InstallmentOffer[]>().notNull().default([]),
    /** Installment plans: the smallest first part, the longest plan (first to last part) and the smallest balance. */
    planMinFirstPartMinor: money('plan_min_first_part_minor').notNull().default(0),
    planMaxDurationDays: integer('plan_max_duration_days').notNull().default(180),
    planMinInvoiceMinor: money('plan_min_invoice_minor').notNull().default(0),
    /** 0: the debtor page offers no promise. */
    promiseMaxDays: integer('promise_max_days').notNull().default(30),
    /** How many promises the debtor may make on one invoice (staff may record more, from a call). */
    promiseMaxPerInvoice: integer('promise_max_per_invoice').notNull().default(2),
    /** Reminders go out only between these hours (local, [start, end)) on business days in time_zone. */
    reminderWindowStartHour: integer('reminder_window_start_hour').notNull().default(9),
    reminderWindowEndHour: integer('reminder_window_end_hour').notNull().default(18),
    /** A step more than this many days past its date is skipped, never sent late (a resumed ladder does not burst). */
    reminderGraceDays: integer('reminder_grace_days').notNull().default(3),
    /** Monday-morning digest to the owners: aging, collected, promises due, disputes open. */
    weeklyDigestEnabled: boolean('weekly_digest_enabled').notNull().default(true),
    emailFromName: text('email_from_name'),
    emailFromAddress: text('email_from_address'),
    emailReplyTo: text('email_reply_to'),
    createdAt: createdAt(),
  },
  (t) => [
    check('business_terms_nonneg', sql`${t.defaultTermsDays} >= 0`),
    check('business_penalty_nonneg', sql`${t.penaltyRateBps} IS NULL OR ${t.penaltyRateBps} >= 0`),
    check('business_indemnity_nonneg', sql`${t.recoveryIndemnityMinor} >= 0`),
    check('business_min_partial_nonneg', sql`${t.minPartialPaymentMinor} >= 0`),
    check(
      'business_reminder_window',
      sql`${t.reminderWindowStartHour} BETWEEN 0 AND 23 AND ${t.reminderWindowEndHour} BETWEEN 1 AND 24 AND ${t.reminderWindowStartHour} < ${t.reminderWindowEndHour}`,
    ),
    check('business_reminder_grace', sql`${t.reminderGraceDays} BETWEEN 0 AND 30`),
    check(
      'business_plan_limits',
      sql`${t.planMinFirstPartMinor} >= 0 AND ${t.planMinInvoiceMinor} >= 0 AND ${t.planMaxDurationDays} BETWEEN 14 AND 730`,
    ),
    check(
      'business_promise_limits',
      sql`${t.promiseMaxDays} BETWEEN 0 AND 365 AND ${t.promiseMaxPerInvoice} BETWEEN 1 AND 10`,
    ),
  ],
);
