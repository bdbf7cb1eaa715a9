import { daysLate, latePenalty, type LatePenalty } from '~/modules/invoices/penalties';
import { addDaysIso } from '~/utils/dates';
import { formatDate, intlTag, type Locale } from '~/utils/i18n';
import { formatMoney } from '~/utils/money';
import { penaltyAmounts } from './penalty-text';
import type { TemplateVars } from './placeholders';
import type { ReminderStep } from './types';

/** From this many days late (or this step offset), reminders itemise the late-payment penalties. */
export const PENALTY_STAGE_DAYS = 30;
/** A formal notice gives this many days, from the letter's date, to pay. */
export const NOTICE_DAYS = 8;

export type ReminderAction = 'pay' | 'plan' | 'promise' | 'dispute';

/** What a reminder needs to know about one invoice, read from the database by the caller. */
export type ReminderFacts = {
  locale: Locale;
  businessName: string;
  customerName: string;
  invoiceNumber: string;
  currency: string;
  dueDate: string;
  /** The balance less what is under dispute: what the reminder asks for. */
  amountDueMinor: number;
  penaltyRateBps: number | null;
  recoveryIndemnityMinor: number;
  installmentOffers: number;
  promiseMaxDays: number;
};

export type ReminderFigures = {
  daysLate: number;
  /** What may be claimed as of `asOf`, or null when not late (or nothing is due). */
  penalty: LatePenalty | null;
  /** Whether this message itemises the penalty (see `showsPenalties`). */
  showPenalties: boolean;
  noticeDeadline: string;
  actions: ReminderAction[];
  vars: TemplateVars;
};

type Step = Pick<ReminderStep, 'offsetDays' | 'channel' | 'tone'>;

/**
 * The penalties are itemised on the formal notice, on every step from day PENALTY_STAGE_DAYS of the ladder, and
 * on any firm or formal step sent to an invoice already that late (a custom ladder's late firm step); never in a
 * friendly early reminder, and never when nothing has accrued.
 */
export function showsPenalties(step: Step, days: number): boolean {
  if (days <= 0) return false;
  return (
    step.channel === 'letter' ||
    step.offsetDays >= PENALTY_STAGE_DAYS ||
    (step.tone !== 'friendly' && days >= PENALTY_STAGE_DAYS)
  );
}

/**
 * Which debtor-page actions a reminder offers: paying while anything is due; a plan when the business offers
 * any; promising a date once late, when the business accepts promises, until the formal notice; raising a
 * problem only on the early steps (before the penalty stage), when a dispute is still a question, not a tactic.
 */
export function reminderActions(step: Step, facts: ReminderFacts, days: number): ReminderAction[] {
  if (facts.amountDueMinor <= 0) return [];
  const formal = step.tone === 'formal' || step.channel === 'letter';
  const actions: ReminderAction[] = ['pay'];
  if (facts.installmentOffers > 0) actions.push('plan');
  if (facts.promiseMaxDays > 0 && days > 0 && !formal) actions.push('promise');
  if (!formal && step.offsetDays < PENALTY_STAGE_DAYS) actions.push('dispute');
  return actions;
}

/** Everything a reminder states about an invoice on `asOf` (its date, in the business's time zone). */
export function reminderFigures(facts: ReminderFacts, step: Step, asOf: string): ReminderFigures {
  const { locale } = facts;
  const days = daysLate(facts.dueDate, asOf);
  const penalty = latePenalty({
    balanceMinor: facts.amountDueMinor,
    dueDate: facts.dueDate,
    asOf,
    rateBps: facts.penaltyRateBps,
    indemnityMinor: facts.recoveryIndemnityMinor,
  });
  const noticeDeadline = addDaysIso(asOf, NOTICE_DAYS);
  const money = (minor: number) => formatMoney(minor, facts.currency, intlTag(locale));
  return {
    daysLate: days,
    penalty,
    showPenalties: penalty !== null && showsPenalties(step, days),
    noticeDeadline,
    actions: reminderActions(step, facts, days),
    vars: {
      customer_name: facts.customerName,
      business_name: facts.businessName,
      invoice_number: facts.invoiceNumber,
      amount_due: money(facts.amountDueMinor),
      due_date: formatDate(facts.dueDate, locale),
      days_late: String(days),
      penalties_total: penalty ? penaltyAmounts(penalty, facts.currency, locale).total : money(0),
      notice_deadline: formatDate(noticeDeadline, locale),
    },
  };
}
