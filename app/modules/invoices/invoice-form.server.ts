import { z } from 'zod';
import { admin } from '~/i18n/admin';
import { daysBetween, isIsoDate } from '~/utils/dates';
import { translator, type Locale } from '~/utils/i18n';
import { isCurrency, minorDigits, parseDecimal } from '~/utils/money';
import type { DraftInvoiceInput } from './create-draft-invoice.server';
import { INVOICE_CURRENCIES, MAX_LINES, VAT_EXEMPTIONS, type VatExemption } from './form-options';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** quantity_milli is an int4 column: a million units is plenty and fits. */
const MAX_QUANTITY_MILLI = 1_000_000_000;
const MAX_UNIT_PRICE_MINOR = 100_000_000_000;
/** Keeps every sum far inside Number.MAX_SAFE_INTEGER. */
const MAX_TOTAL_MINOR = 1_000_000_000_000_000n;

export function isInvoiceCurrency(code: unknown): code is (typeof INVOICE_CURRENCIES)[number] {
  return (
    typeof code === 'string' && (INVOICE_CURRENCIES as readonly string[]).includes(code) && isCurrency(code)
  );
}

/** A decimal typed by a person, as an integer with `scale` decimals; the message names what is wrong. */
function decimal(scale: number, message: string, opts: { min: number; max: number; tooBig: string }) {
  return z.string({ error: message }).transform((input, ctx) => {
    const value = parseDecimal(input, scale);
    if (value === null || value < opts.min) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    if (value > opts.max) {
      ctx.addIssue({ code: 'custom', message: opts.tooBig });
      return z.NEVER;
    }
    return value;
  });
}

function isoDate(message: string) {
  return z.string({ error: message }).trim().refine(isIsoDate, message);
}

/**
 * The "new invoice" form, with every message in the user's language. Prices are read in the currency's minor
 * digits, so the schema is built for the currency the form names (`currencyHint`; EUR's two digits when it is
 * not one we offer, which is reported on the currency field anyway).
 */
export function invoiceFormSchema(locale: Locale, currencyHint?: unknown) {
  const t = translator(locale, admin);
  const digits = minorDigits(isInvoiceCurrency(currencyHint) ? currencyHint : 'EUR');
  const optionalText = (max: number, message: string) => z.string().trim().max(max, message).optional();

  const line = z.object({
    description: z
      .string({ error: t('invoice.line.description.required') })
      .trim()
      .min(1, t('invoice.line.description.required'))
      .max(1000, t('invoice.line.description.tooLong')),
    quantity: decimal(3, t('invoice.line.quantity.invalid'), {
      min: 1,
      max: MAX_QUANTITY_MILLI,
      tooBig: t('invoice.line.quantity.tooBig'),
    }),
    unit: optionalText(20, t('invoice.line.unit.tooLong')),
    unitPrice: decimal(digits, t('invoice.line.unitPrice.invalid', { digits }), {
      min: 1,
      max: MAX_UNIT_PRICE_MINOR,
      tooBig: t('invoice.line.unitPrice.tooBig'),
    }),
    // Percent with two decimals is exactly basis points: "5.5" -> 550.
    taxRate: decimal(2, t('invoice.line.taxRate.invalid'), {
      min: 0,
      max: 10_000,
      tooBig: t('invoice.line.taxRate.invalid'),
    }),
  });

  return z
    .object({
      customerId: z
        .string({ error: t('invoice.customer.required') })
        .regex(GUID, t('invoice.customer.required')),
      currency: z
        .string({ error: t('invoice.currency.invalid') })
        .refine(isInvoiceCurrency, t('invoice.currency.invalid')),
      issueDate: isoDate(t('invoice.date.invalid')),
      dueDate: isoDate(t('invoice.date.invalid')),
      purchaseOrder: optionalText(100, t('invoice.purchaseOrder.tooLong')),
      deliveryDate: z
        .string({ error: t('invoice.date.invalid') })
        .trim()
        .optional()
        .refine((v) => !v || isIsoDate(v), t('invoice.date.invalid')),
      notes: optionalText(2000, t('invoice.notes.tooLong')),
      acceptanceRequired: z.boolean().optional(),
      vatExemption: z
        .string({ error: t('invoice.vatExemption.invalid') })
        .optional()
        .refine(
          (v) => !v || (VAT_EXEMPTIONS as readonly string[]).includes(v),
          t('invoice.vatExemption.invalid'),
        ),
      lines: z
        .array(line, { error: t('invoice.lines.min') })
        .min(1, t('invoice.lines.min'))
        .max(MAX_LINES, t('invoice.lines.max')),
    })
    .superRefine(
      // Runs even when other fields failed, so a bad due date is reported together with the rest.
      (value, ctx) => {
        const { issueDate, dueDate } = value as { issueDate?: unknown; dueDate?: unknown };
        if (
          typeof issueDate === 'string' &&
          typeof dueDate === 'string' &&
          isIsoDate(issueDate) &&
          isIsoDate(dueDate)
        ) {
          const days = daysBetween(issueDate, dueDate);
          if (days < 0)
            ctx.addIssue({ code: 'custom', path: ['dueDate'], message: t('invoice.dueDate.beforeIssue') });
          else if (days > 3660)
            ctx.addIssue({ code: 'custom', path: ['dueDate'], message: t('invoice.dueDate.tooFar') });
        }
        const { deliveryDate } = value as { deliveryDate?: unknown };
        if (
          typeof issueDate === 'string' &&
          typeof deliveryDate === 'string' &&
          isIsoDate(issueDate) &&
          isIsoDate(deliveryDate) &&
          Math.abs(daysBetween(issueDate, deliveryDate)) > 3660
        ) {
          ctx.addIssue({ code: 'custom', path: ['deliveryDate'], message: t('invoice.deliveryDate.tooFar') });
        }
        const lines = Array.isArray(value.lines) ? value.lines : [];
        // An invoice that says why it charges no VAT cannot charge any.
        const { vatExemption } = value as { vatExemption?: unknown };
        if (vatExemption && lines.some((l) => typeof l?.taxRate === 'number' && l.taxRate > 0)) {
          ctx.addIssue({ code: 'custom', path: ['vatExemption'], message: t('invoice.vatExemption.taxed') });
        }
        let total = 0n;
        for (const l of lines) {
          if (
            typeof l?.quantity === 'number' &&
            typeof l.unitPrice === 'number' &&
            typeof l.taxRate === 'number'
          ) {
            total += (BigInt(l.quantity) * BigInt(l.unitPrice) * BigInt(10_000 + l.taxRate)) / 10_000_000n;
          }
        }
        if (total > MAX_TOTAL_MINOR) {
          ctx.addIssue({ code: 'custom', path: ['lines'], message: t('invoice.line.unitPrice.tooBig') });
        }
      },
      { when: () => true },
    )
    .transform((v): DraftInvoiceInput => ({
      customerId: v.customerId,
      currency: v.currency,
      issueDate: v.issueDate,
      dueDate: v.dueDate,
      purchaseOrder: v.purchaseOrder || null,
      // The same day as the issue date says nothing more: kept only when it differs.
      deliveryDate: v.deliveryDate && v.deliveryDate !== v.issueDate ? v.deliveryDate : null,
      notes: v.notes || null,
      acceptanceRequired: v.acceptanceRequired ?? false,
      vatExemption: (v.vatExemption || null) as VatExemption | null,
      lines: v.lines.map((l) => ({
        description: l.description,
        quantityMilli: l.quantity,
        unit: l.unit || null,
        unitPriceMinor: l.unitPrice,
        taxRateBps: l.taxRate,
      })),
    }));
}

/** The message for a field error that only the database could find (see createDraftInvoice): customer, VAT number. */
export function draftErrorMessage(
  locale: Locale,
  error: 'unknown_customer' | 'customer_archived' | 'buyer_vat_missing',
): string {
  const key = {
    unknown_customer: 'invoice.customer.unknown',
    customer_archived: 'invoice.customer.archived',
    buyer_vat_missing: 'invoice.vatExemption.buyerVat',
  } as const;
  return translator(locale, admin)(key[error]);
}

/** What the form posts (all strings, as typed), for the page's useForm. */
export type InvoiceFormInput = z.input<ReturnType<typeof invoiceFormSchema>>;
