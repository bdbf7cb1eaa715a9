export { createBusiness } from './business';
export { createCustomer } from './customer';
export { createDraftInvoice, createIssuedInvoice, defaultLines, readInvoice } from './invoice';
export type { DraftInvoice, InvoiceOptions, IssuedInvoice } from './invoice';
export {
  createOverdueInvoice,
  createPaidInvoice,
  createPartlyPaidInvoice,
  createVoidInvoice,
} from './invoice-states';
export { createUser } from './user';
export {
  addProcessingDebit,
  at,
  breakPromise,
  CHRONIC_LADDER,
  createDunningPolicy,
  createInvoiceDueOn,
  dispute,
  payInFull,
  promise,
  putOnPlan,
  voidIt,
} from './dunning';
