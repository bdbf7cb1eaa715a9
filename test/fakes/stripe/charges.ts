import type Stripe from 'stripe';
import type { Ctx } from './context';
import { resourceMissing } from './errors';
import { newId, nowSeconds } from './ids';
import { expand, integer, string } from './params';
import { route } from './routes';
import type { PaymentMethodRecord } from './store';
import { expandObject, list } from './views';

export type ChargeStatus = 'succeeded' | 'pending' | 'failed';

function outcome(status: ChargeStatus, declineCode: string | null): Stripe.Charge.Outcome | null {
  if (status === 'pending') return null;
  return (
    status === 'succeeded'
      ? {
          network_status: 'approved_by_network',
          reason: null,
          risk_level: 'normal',
          risk_score: 32,
          seller_message: 'Payment complete.',
          type: 'authorized',
        }
      : {
          network_status: 'declined_by_network',
          reason: declineCode,
          risk_level: 'normal',
          risk_score: 32,
          seller_message: 'The bank did not return any further details with this decline.',
          type: 'issuer_declined',
        }
  ) as Stripe.Charge.Outcome;
}

/** Charge.payment_method_details: what Stripe copies from the method, plus the mandate for bank debits. */
function methodDetails(
  record: PaymentMethodRecord,
  mandate: string | null,
): Stripe.Charge.PaymentMethodDetails {
  const pm = record.object;
  if (pm.card) {
    const { brand, checks, country, exp_month, exp_year, fingerprint, funding, last4 } = pm.card;
    return {
      type: 'card',
      card: {
        brand,
        checks,
        country,
        exp_month,
        exp_year,
        fingerprint,
        funding,
        last4,
        network: brand,
        three_d_secure: null,
        wallet: null,
      },
    } as unknown as Stripe.Charge.PaymentMethodDetails;
  }
  if (pm.sepa_debit) {
    const { bank_code, branch_code, country, fingerprint, last4 } = pm.sepa_debit;
    return {
      type: 'sepa_debit',
      sepa_debit: { bank_code, branch_code, country, fingerprint, last4, mandate },
    } as unknown as Stripe.Charge.PaymentMethodDetails;
  }
  const ach = pm.us_bank_account!;
  return {
    type: 'us_bank_account',
    us_bank_account: {
      account_holder_type: ach.account_holder_type,
      account_type: ach.account_type,
      bank_name: ach.bank_name,
      fingerprint: ach.fingerprint,
      last4: ach.last4,
      mandate,
      payment_reference: null,
      routing_number: ach.routing_number,
    },
  } as unknown as Stripe.Charge.PaymentMethodDetails;
}

/** A payment attempt's charge: `pending` for bank debits, then settled by `fake.settle()`. */
export function createCharge(
  ctx: Ctx,
  pi: Stripe.PaymentIntent,
  record: PaymentMethodRecord,
  status: ChargeStatus,
  failure: { code: string; message: string; declineCode?: string } | null = null,
  mandate: string | null = null,
): Stripe.Charge {
  const paid = status === 'succeeded';
  const charge: Stripe.Charge = {
    id: newId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: paid ? pi.amount : 0,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: paid ? newId('txn') : null,
    billing_details: structuredClone(record.object.billing_details),
    calculated_statement_descriptor: 'ACQUIT',
    captured: paid,
    created: nowSeconds(),
    currency: pi.currency,
    customer: pi.customer as string | null,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: { ...pi.metadata },
    on_behalf_of: null,
    outcome: outcome(status, failure?.declineCode ?? null),
    paid,
    payment_intent: pi.id,
    payment_method: record.object.id,
    payment_method_details: methodDetails(record, mandate),
    receipt_email: pi.receipt_email,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: pi.statement_descriptor,
    statement_descriptor_suffix: pi.statement_descriptor_suffix,
    status,
    transfer_data: null,
    transfer_group: null,
  };
  ctx.store.charges.set(charge.id, charge);
  return charge;
}

/** A pending bank debit's charge reaches its final state. */
export function settleCharge(
  charge: Stripe.Charge,
  outcome: 'succeeded' | 'failed',
  failureCode: string,
): void {
  charge.status = outcome;
  charge.paid = outcome === 'succeeded';
  charge.captured = outcome === 'succeeded';
  charge.amount_captured = outcome === 'succeeded' ? charge.amount : 0;
  charge.balance_transaction = outcome === 'succeeded' ? newId('txn') : null;
  charge.outcome = {
    network_status: outcome === 'succeeded' ? 'approved_by_network' : 'declined_by_network',
    reason: outcome === 'succeeded' ? null : failureCode,
    risk_level: 'not_assessed',
    seller_message: outcome === 'succeeded' ? 'Payment complete.' : 'The bank returned the debit.',
    type: outcome === 'succeeded' ? 'authorized' : 'issuer_declined',
  } as Stripe.Charge.Outcome;
  if (outcome === 'failed') {
    charge.failure_code = failureCode;
    charge.failure_message = `The debit was returned by the bank (${failureCode}).`;
  }
}

export function findCharge(ctx: Ctx, id: string, param = 'id'): Stripe.Charge {
  const charge = ctx.store.charges.get(id);
  if (!charge) throw resourceMissing('charge', id, param);
  return charge;
}

export const chargeRoutes = [
  route({
    method: 'GET',
    path: '/v1/charges/:id',
    spec: { expand: expand() },
    handle: (ctx, params, { id }) => expandObject(ctx.store, findCharge(ctx, id!), params.expand),
  }),
  route({
    method: 'GET',
    path: '/v1/charges',
    spec: {
      payment_intent: string(),
      customer: string(),
      limit: integer(),
      starting_after: string(),
      ending_before: string(),
      expand: expand(),
    },
    handle: (ctx, params) => {
      const items = [...ctx.store.charges.values()].filter(
        (c) =>
          (!params.payment_intent || c.payment_intent === params.payment_intent) &&
          (!params.customer || c.customer === params.customer),
      );
      return expandObject(ctx.store, list('/v1/charges', items, params), params.expand);
    },
  }),
];
