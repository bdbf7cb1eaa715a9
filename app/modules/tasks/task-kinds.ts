export const TASK_KINDS = [
  'call',
  'bounce',
  'dispute',
  'plan',
  'collections',
  'chargeback',
  'other',
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Which open tasks to show: all, those given to the signed-in user, those due today, or those past their date. */
export const TASK_VIEWS = ['all', 'mine', 'today', 'overdue'] as const;
export type TaskView = (typeof TASK_VIEWS)[number];

/** What a staff member says the customer gave as the reason (promises.reason). */
export const PROMISE_REASONS = ['cash_flow', 'awaiting_approval', 'invoice_not_received', 'other'] as const;
export const DISPUTE_REASONS = [
  'not_delivered',
  'not_as_described',
  'wrong_amount',
  'already_paid',
  'other',
] as const;

/** tasks.outcome of a call, from what the form said. */
export type CallOutcome = 'reached' | 'promised' | 'disputed' | 'promised_disputed';
