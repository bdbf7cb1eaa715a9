import { isUuid } from '~/modules/dunning/ids';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { business, customers } from '#db/schema/index';
import { adminPlans } from '~/i18n/admin-plans';
import { recordEvent, type Actor } from '~/modules/audit/record-event.server';
import type { Db } from '~/utils/db.server';
import { translator, type Locale } from '~/utils/i18n';
import { minorDigits, minorToDecimal, parseDecimal } from '~/utils/money';
import { isValidOffer, type InstallmentOffer } from './schedule';

/** Offer slots on the settings form: an empty one is not offered. */
export const OFFER_SLOTS = 4;

export async function loadPlanSettings(db: Db, businessId: string) {
  const [row] = await db.select().from(business).where(eq(business.id, businessId));
  const list = await db
    .select({
      id: customers.id,
      name: customers.name,
      creditPolicy: customers.creditPolicy,
      installmentsAllowed: customers.installmentsAllowed,
    })
    .from(customers)
    .where(and(eq(customers.businessId, businessId), isNull(customers.archivedAt)))
    .orderBy(asc(customers.name));
  const b = row!;
  const offers = Array.from({ length: OFFER_SLOTS }, (_, i) => {
    const o = b.installmentOffers[i];
    return {
      parts: o ? String(o.parts) : '',
      interval: o?.interval ?? 'monthly',
      split: o?.splitPercent?.join('/') ?? '',
    };
  });
  return {
    currency: b.defaultCurrency,
    values: {
      offers,
      minFirstPart: minorToDecimal(b.planMinFirstPartMinor, b.defaultCurrency),
      maxDurationDays: String(b.planMaxDurationDays),
      minInvoice: minorToDecimal(b.planMinInvoiceMinor, b.defaultCurrency),
      promiseMaxDays: String(b.promiseMaxDays),
      promiseMaxPerInvoice: String(b.promiseMaxPerInvoice),
    },
    customers: list,
  };
}

/**
 * The plan and promise settings form. Each offer slot: parts (2 to 6, or empty: not offered), interval, and an
 * optional custom split ("30/30/40": whole percents, one per part, summing to 100). Limits in the business's
 * currency; durations in days.
 */
export function planSettingsSchema(locale: Locale, currency: string) {
  const t = translator(locale, adminPlans);
  const amount = z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return 0;
      const minor = parseDecimal(value, minorDigits(currency));
      if (minor === null || minor < 0) {
        ctx.addIssue({ code: 'custom', message: t('settings.amount.invalid') });
        return z.NEVER;
      }
      return minor;
    });
  const int = (min: number, max: number) =>
    z
      .string({ error: t('settings.number.invalid', { min, max }) })
      .trim()
      .regex(/^\d{1,4}$/, t('settings.number.invalid', { min, max }))
      .transform(Number)
      .refine((n) => n >= min && n <= max, t('settings.number.invalid', { min, max }));
  const slot = z
    .object({
      parts: z.enum(['', '2', '3', '4', '5', '6'], { error: t('settings.parts.invalid') }).optional(),
      interval: z.enum(['monthly', 'biweekly'], { error: t('settings.interval.invalid') }),
      split: z.string().trim().max(40).optional(),
    })
    .superRefine((value, ctx) => {
      if (!value.parts || !value.split) return;
      const pct = value.split
        .split(/[/,;\s]+/)
        .filter(Boolean)
        .map(Number);
      const offer: InstallmentOffer = {
        id: 'x',
        parts: Number(value.parts),
        interval: value.interval,
        splitPercent: pct,
      };
      if (!isValidOffer(offer)) {
        ctx.addIssue({
          code: 'custom',
          path: ['split'],
          message: t('settings.split.invalid', { parts: value.parts }),
        });
      }
    });
  return z.object({
    offers: z.array(slot).max(OFFER_SLOTS).default([]),
    minFirstPart: amount,
    maxDurationDays: int(14, 730),
    minInvoice: amount,
    promiseMaxDays: int(0, 365),
    promiseMaxPerInvoice: int(1, 10),
  });
}

export type PlanSettingsValue = z.output<ReturnType<typeof planSettingsSchema>>;

/**
 * Saves the settings; an event records each changed one, before and after (nothing when nothing changed). Offer
 * ids are derived from their shape, so stable.
 */
export async function savePlanSettings(db: Db, businessId: string, value: PlanSettingsValue, actor: Actor) {
  const offers: InstallmentOffer[] = [];
  for (const slot of value.offers) {
    if (!slot.parts) continue;
    const parts = Number(slot.parts);
    const splitPercent = slot.split
      ? slot.split
          .split(/[/,;\s]+/)
          .filter(Boolean)
          .map(Number)
      : undefined;
    const id = `${parts}${slot.interval === 'monthly' ? 'm' : 'b'}${splitPercent ? `-${splitPercent.join('-')}` : ''}`;
    if (!offers.some((o) => o.id === id))
      offers.push({ id, parts, interval: slot.interval, ...(splitPercent ? { splitPercent } : {}) });
  }
  await db.transaction(async (tx) => {
    const [b] = await tx.select().from(business).where(eq(business.id, businessId)).for('update');
    const after = {
      installmentOffers: offers,
      planMinFirstPartMinor: value.minFirstPart,
      planMaxDurationDays: value.maxDurationDays,
      planMinInvoiceMinor: value.minInvoice,
      promiseMaxDays: value.promiseMaxDays,
      promiseMaxPerInvoice: value.promiseMaxPerInvoice,
    };
    const keys = (Object.keys(after) as (keyof typeof after)[]).filter(
      (k) => stable(b?.[k]) !== stable(after[k]),
    );
    if (!keys.length) return;
    await tx.update(business).set(after).where(eq(business.id, businessId));
    // The audit log shows each changed setting with its value before and after.
    await recordEvent(tx, {
      businessId,
      type: 'settings.plans_updated',
      actor,
      data: {
        before: Object.fromEntries(keys.map((k) => [k, b?.[k] ?? null])),
        after: Object.fromEntries(keys.map((k) => [k, after[k]])),
      },
    });
  });
}

/** The per-customer switch: installments offered to this customer or not (prepay_only customers never get any). */
export async function setInstallmentsAllowed(
  db: Db,
  input: { businessId: string; customerId: string; allowed: boolean; actor: Actor },
): Promise<boolean | 'not_found'> {
  // The id comes from a form: anything but one of the business's customers is refused before any write.
  if (!isUuid(input.customerId)) return 'not_found';
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(customers)
      .set({ installmentsAllowed: input.allowed })
      .where(
        and(
          eq(customers.id, input.customerId),
          eq(customers.businessId, input.businessId),
          eq(customers.installmentsAllowed, !input.allowed),
        ),
      )
      .returning({ id: customers.id });
    if (row) {
      await recordEvent(tx, {
        businessId: input.businessId,
        customerId: row.id,
        type: 'customer.installments_changed',
        actor: input.actor,
        data: { allowed: input.allowed },
      });
    }
    if (row) return true;
    const [own] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.id, input.customerId), eq(customers.businessId, input.businessId)));
    return own ? false : 'not_found';
  });
}

/** JSON with object keys sorted: jsonb hands keys back in its own order. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
