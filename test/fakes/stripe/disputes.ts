import type Stripe from 'stripe';
import type { Ctx } from './context';
import { resourceMissing } from './errors';
import { newId, nowSeconds } from './ids';
import { expand } from './params';
import { route } from './routes';
import { expandObject } from './views';

export type DisputeStatus = 'needs_response' | 'under_review' | 'won' | 'lost';

export interface DisputeOptions {
  /** `won` / `lost` close the dispute (creating it first if the charge has none open). */
  status?: DisputeStatus;
  reason?: string;
  amount?: number;
}

const open = (d: Stripe.Dispute) => d.status !== 'won' && d.status !== 'lost';

/**
 * A chargeback, as the card network reports it: `charge.dispute.created` and the funds withdrawn, later
 * `charge.dispute.closed` (and the funds reinstated if won). Returns the dispute.
 */
export function disputeCharge(ctx: Ctx, chargeId: string, opts: DisputeOptions = {}): Stripe.Dispute {
  const charge = ctx.store.charges.get(chargeId);
  if (!charge) throw new Error(`Stripe fake: no charge ${chargeId}`);
  if (charge.status !== 'succeeded')
    throw new Error(`Stripe fake: ${chargeId} is ${charge.status}; only succeeded charges are disputed`);
  let dispute = [...ctx.store.disputes.values()].find((d) => d.charge === chargeId && open(d));
  if (!dispute) {
    dispute = {
      id: newId('dp'),
      object: 'dispute',
      amount: opts.amount ?? charge.amount - charge.amount_refunded,
      balance_transactions: [],
      charge: chargeId,
      created: nowSeconds(),
      currency: charge.currency,
      enhanced_eligibility_types: [],
      evidence: {
        customer_name: null,
        customer_email_address: null,
        uncategorized_text: null,
      } as Stripe.Dispute.Evidence,
      evidence_details: {
        due_by: nowSeconds() + 7 * 86400,
        has_evidence: false,
        past_due: false,
        submission_count: 0,
      } as Stripe.Dispute.EvidenceDetails,
      intended_submission_method: null,
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      payment_intent: charge.payment_intent as string | null,
      reason: opts.reason ?? 'fraudulent',
      status: 'needs_response',
    };
    ctx.store.disputes.set(dispute.id, dispute);
    charge.disputed = true;
    ctx.emit('charge.dispute.created', dispute);
    ctx.emit('charge.dispute.funds_withdrawn', dispute);
  }
  if (opts.status === 'under_review' || opts.status === 'needs_response') {
    dispute.status = opts.status;
    ctx.emit('charge.dispute.updated', dispute);
  } else if (opts.status === 'won' || opts.status === 'lost') {
    dispute.status = opts.status;
    ctx.emit('charge.dispute.closed', dispute);
    if (opts.status === 'won') ctx.emit('charge.dispute.funds_reinstated', dispute);
  }
  return dispute;
}

export const disputeRoutes = [
  route({
    method: 'GET',
    path: '/v1/disputes/:id',
    spec: { expand: expand() },
    handle: (ctx, params, { id }) => {
      const dispute = ctx.store.disputes.get(id!);
      if (!dispute) throw resourceMissing('dispute', id!);
      return expandObject(ctx.store, dispute, params.expand);
    },
  }),
];
