/** customers.credit_policy: what the next invoice or order asks of this customer (shared with the browser). */
export const CREDIT_POLICIES = ['standard', 'deposit_required', 'prepay_only'] as const;
export type CreditPolicy = (typeof CREDIT_POLICIES)[number];
