/** customers.credit_policy: what the next invoice or order asks of this customer (shared with the browser). */
export const CREDIT_POLICIES = ['standard', 'deposit_required', 'prepay_only'] as const;
export type CreditPolicy = (typeof CREDIT_POLICIES)[number];

/** What the record says of a customer's paying habits: the facts the suggestion below is made from. */
export type RecordFacts = {
  paidInvoices: number;
  paidOnTime: number;
  averageDaysLate: number | null;
  /** Days late of the customer's oldest overdue open invoice (0 when none is overdue). */
  oldestDaysLate: number;
};

/** Below this many paid invoices, history says too little to judge a customer's habits. */
export const MIN_HISTORY = 3;

/**
 * The credit policy a customer's record calls for (the seeds: "30 days only for those who earned it"):
 * - prepay only: an invoice still unpaid more than 60 days after its due date (past the formal notice, at the
 *   collections stage), or, over at least MIN_HISTORY paid invoices, more than 30 days late on average;
 * - deposit required: an invoice still unpaid more than 30 days late, or, over at least MIN_HISTORY paid
 *   invoices, fewer than half paid on time or more than 15 days late on average;
 * - standard terms otherwise.
 */
export function recordCalls(facts: RecordFacts): CreditPolicy {
  const history = facts.paidInvoices >= MIN_HISTORY;
  const average = facts.averageDaysLate ?? 0;
  if (facts.oldestDaysLate > 60 || (history && average > 30)) return 'prepay_only';
  if (facts.oldestDaysLate > 30 || (history && (facts.paidOnTime * 2 < facts.paidInvoices || average > 15)))
    return 'deposit_required';
  return 'standard';
}

/** The policy to suggest, only when it is stricter than the customer's current one; null otherwise. */
export function suggestCreditPolicy(current: CreditPolicy, facts: RecordFacts): CreditPolicy | null {
  const called = recordCalls(facts);
  return CREDIT_POLICIES.indexOf(called) > CREDIT_POLICIES.indexOf(current) ? called : null;
}
