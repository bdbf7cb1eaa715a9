export const DUNNING_CHANNELS = ['email', 'call_task', 'letter', 'collections_task'] as const;
export const DUNNING_TONES = ['friendly', 'firm', 'formal'] as const;

export type DunningChannel = (typeof DUNNING_CHANNELS)[number];
export type DunningTone = (typeof DUNNING_TONES)[number];

/** One rung of a dunning ladder, as stored in dunning_steps (templates use {{placeholders}}, see placeholders below). */
export type ReminderStep = {
  id: string;
  offsetDays: number;
  channel: DunningChannel;
  tone: DunningTone;
  subjectFr: string;
  bodyFr: string;
  subjectEn: string;
  bodyEn: string;
};

/** The placeholders a step's subject and body may use. */
export const PLACEHOLDERS = [
  'customer_name',
  'business_name',
  'invoice_number',
  'amount_due',
  'due_date',
  'days_late',
  'penalties_total',
  'notice_deadline',
] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
