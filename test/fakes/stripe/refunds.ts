import type Stripe from 'stripe';
import { findCharge } from './charges';
import type { Ctx } from './context';
import { invalidRequest, resourceMissing } from './errors';
import { newId, nowSeconds } from './ids';
import { formatAmount } from './money';
import { expand, integer, metadata, oneOf, string } from './params';
import { findPaymentIntent } from './payment-intents';
import { route } from './routes';
import { expandObject, list } from './views';

/** Which charge a refund is for: the PaymentIntent's latest, which must have succeeded and not be disputed. */
function refundableCharge(ctx: Ctx, params: { charge?: string; payment_intent?: string }): Stripe.Charge {
  if (params.charge && params.payment_intent) {
    throw invalidRequest('You may only specify one of these parameters: charge, payment_intent.', {
      code: 'parameters_exclusive',
    });
  }
  let charge: Stripe.Charge | undefined;
  if (params.payment_intent) {
    const pi = findPaymentIntent(ctx, params.payment_intent, 'payment_intent');
    charge = pi.latest_charge ? ctx.store.charges.get(pi.latest_charge as string) : undefined;
    if (pi.status !== 'succeeded' || !charge) {
      throw invalidRequest(`This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, {
        param: 'payment_intent',
      });
    }
  } else if (params.charge) {
    charge = findCharge(ctx, params.charge, 'charge');
  } else {
    throw invalidRequest(
      'One of the following params should be provided for this request: payment_intent or charge.',
      {
        code: 'parameter_missing',
      },
    );
  }
  if (charge.status !== 'succeeded') {
    throw invalidRequest(`Charge ${charge.id} has a status of ${charge.status} and cannot be refunded.`, {
      param: 'charge',
    });
  }
  if (charge.disputed) {
    throw invalidRequest(`Charge ${charge.id} has been charged back; cannot issue a refund.`, {
      code: 'charge_disputed',
      param: 'charge',
    });
  }
  if (charge.refunded) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
      code: 'charge_already_refunded',
      param: 'charge',
    });
  }
  return charge;
}

export const refundRoutes = [
  route({
    method: 'POST',
    path: '/v1/refunds',
    spec: {
      payment_intent: string(),
      charge: string(),
      amount: integer({ min: 1 }),
      reason: oneOf('duplicate', 'fraudulent', 'requested_by_customer'),
      metadata: metadata(),
      expand: expand(),
    },
    handle: (ctx, params) => {
      const charge = refundableCharge(ctx, params);
      const remaining = charge.amount - charge.amount_refunded;
      const amount = params.amount ?? remaining;
      if (amount > remaining) {
        throw invalidRequest(
          `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(remaining, charge.currency)})`,
          { code: 'amount_too_large', param: 'amount' },
        );
      }
      const refund: Stripe.Refund = {
        id: newId('re'),
        object: 'refund',
        amount,
        balance_transaction: newId('txn'),
        charge: charge.id,
        created: nowSeconds(),
        currency: charge.currency,
        customer: charge.customer as string | null,
        customer_account: null,
        metadata: params.metadata ?? {},
        payment_intent: charge.payment_intent as string | null,
        payment_method: charge.payment_method,
        reason: params.reason ?? null,
        receipt_number: null,
        source_transfer_reversal: null,
        status: 'succeeded',
        transfer_reversal: null,
      };
      ctx.store.refunds.set(refund.id, refund);
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      ctx.emit('refund.created', refund);
      ctx.emit('charge.refunded', charge);
      return expandObject(ctx.store, refund, params.expand);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/refunds/:id',
    spec: { expand: expand() },
    handle: (ctx, params, { id }) => {
      const refund = ctx.store.refunds.get(id!);
      if (!refund) throw resourceMissing('refund', id!);
      return expandObject(ctx.store, refund, params.expand);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/refunds',
    spec: {
      payment_intent: string(),
      charge: string(),
      limit: integer(),
      starting_after: string(),
      ending_before: string(),
      expand: expand(),
    },
    handle: (ctx, params) => {
      const items = [...ctx.store.refunds.values()].filter(
        (r) =>
          (!params.payment_intent || r.payment_intent === params.payment_intent) &&
          (!params.charge || r.charge === params.charge),
      );
      return expandObject(ctx.store, list('/v1/refunds', items, params), params.expand);
    },
  }),
];
