/** The reasons Stripe accepts for a refund; shared by the server schema and the page (so no `.server` suffix). */
export const REFUND_REASONS = ['requested_by_customer', 'duplicate', 'fraudulent'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];
