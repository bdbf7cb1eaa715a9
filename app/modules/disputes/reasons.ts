import { DISPUTE_REASONS } from '~/modules/tasks/task-kinds';

export { DISPUTE_REASONS };
export type DisputeReason = (typeof DISPUTE_REASONS)[number];
export const DISPUTE_FILTERS = ['open', 'waiting_for_us', 'waiting_for_them', 'resolved'] as const;
export type DisputeFilter = (typeof DISPUTE_FILTERS)[number];
/** The longest message a thread takes (the database refuses longer). */
export const MESSAGE_MAX = 5000;
