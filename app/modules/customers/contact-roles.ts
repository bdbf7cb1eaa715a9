/** contacts.roles: what each contact of a customer is for (shared with the browser). */
export const CONTACT_ROLES = ['billing', 'accounts_payable', 'project_lead'] as const;
export type ContactRole = (typeof CONTACT_ROLES)[number];
