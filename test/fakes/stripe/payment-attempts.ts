import type Stripe from 'stripe';
import { createCharge, settleCharge } from './charges';
import type { Ctx } from './context';
import { invalidRequest, StripeFakeError, unexpectedState } from './errors';
import { newId } from './ids';
import { attachToCustomer } from './payment-methods';
import { viewFor } from './publishable';
import { clone, type Behaviour, type PaymentMethodRecord } from './store';

/**
 * What happens when a PaymentIntent is confirmed with a method: the method's test behaviour (or a fault the
 * test injected) decides between success, a decline (402, PI back to requires_payment_method), 3D Secure
 * (requires_action, or a 402 authentication_required off-session) and a bank debit (processing until settled).
 */
export interface AttemptOptions {
  offSession: boolean;
  errorOnRequiresAction: boolean;
  /** The SEPA/ACH mandate accepted for this confirmation, if any. */
  mandate: string | null;
}

const DECLINE: Behaviour = {
  kind: 'declines',
  code: 'card_declined',
  declineCode: 'generic_decline',
  message: 'Your card was declined.',
};

function behaviourFor(ctx: Ctx, record: PaymentMethodRecord): Behaviour {
  const forced = ctx.forced;
  ctx.forced = null;
  if (forced === 'decline') return DECLINE;
  if (forced === 'authentication_required') return { kind: 'authentication', when: 'always' };
  return record.behaviour;
}

export function attemptPayment(
  ctx: Ctx,
  pi: Stripe.PaymentIntent,
  record: PaymentMethodRecord,
  opts: AttemptOptions,
): void {
  pi.payment_method = record.object.id;
  pi.last_payment_error = null;
  const behaviour = behaviourFor(ctx, record);
  switch (behaviour.kind) {
    case 'succeeds':
      return succeed(ctx, pi, record);
    case 'declines':
      return decline(ctx, pi, record, behaviour.code, behaviour.message, behaviour.declineCode);
    case 'bank_debit':
      return startProcessing(ctx, pi, record, opts.mandate);
    case 'authentication':
      if (opts.offSession) {
        // A card set up with authentication (on_setup) can be charged off-session; `always` cards never.
        if (behaviour.when === 'on_setup' && record.setUpForOffSession) return succeed(ctx, pi, record);
        return decline(
          ctx,
          pi,
          record,
          'authentication_required',
          'Your card was declined. This transaction requires authentication.',
          'authentication_required',
        );
      }
      if (opts.errorOnRequiresAction) {
        return decline(
          ctx,
          pi,
          record,
          'authentication_required',
          'This payment required an authentication action to complete, but `error_on_requires_action` was set.',
          'authentication_required',
        );
      }
      return requireAction(ctx, pi);
  }
}

/** Saves the method for later when the PI asked for it; otherwise a method not on a customer is spent. */
function afterUse(
  ctx: Ctx,
  pi: Stripe.PaymentIntent,
  record: PaymentMethodRecord,
  mandate: string | null,
): void {
  const customer = pi.customer as string | null;
  if (pi.setup_future_usage && customer) {
    attachToCustomer(ctx, record, customer);
    record.setUpForOffSession = record.setUpForOffSession || pi.setup_future_usage === 'off_session';
    if (mandate) record.mandate = mandate;
  } else if (!record.object.customer) {
    record.consumed = true;
  }
}

export function succeed(ctx: Ctx, pi: Stripe.PaymentIntent, record: PaymentMethodRecord): void {
  const charge = createCharge(ctx, pi, record, 'succeeded');
  Object.assign(pi, {
    status: 'succeeded',
    amount_received: pi.amount,
    latest_charge: charge.id,
    next_action: null,
    last_payment_error: null,
  });
  ctx.emit('charge.succeeded', charge);
  afterUse(ctx, pi, record, null);
  ctx.emit('payment_intent.succeeded', pi);
}

function decline(
  ctx: Ctx,
  pi: Stripe.PaymentIntent,
  record: PaymentMethodRecord,
  code: string,
  message: string,
  declineCode?: string,
): never {
  const charge = createCharge(ctx, pi, record, 'failed', { code, message, declineCode });
  pi.status = 'requires_payment_method';
  pi.latest_charge = charge.id;
  pi.payment_method = null;
  pi.next_action = null;
  pi.last_payment_error = {
    type: 'card_error',
    code,
    decline_code: declineCode,
    message,
    charge: charge.id,
    doc_url: `https://stripe.com/docs/error-codes/${code.replace(/_/g, '-')}`,
    payment_method: clone(record.object),
  } as Stripe.PaymentIntent.LastPaymentError;
  if (!record.object.customer) record.consumed = true;
  ctx.emit('charge.failed', charge);
  ctx.emit('payment_intent.payment_failed', pi);
  throw new StripeFakeError(402, {
    type: 'card_error',
    code,
    decline_code: declineCode,
    message,
    charge: charge.id,
    payment_intent: viewFor(ctx, clone(pi)),
    payment_method: clone(record.object),
  });
}

function requireAction(ctx: Ctx, pi: Stripe.PaymentIntent): void {
  pi.status = 'requires_action';
  pi.next_action = {
    type: 'use_stripe_sdk',
    use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: '', source: newId('src') },
  } as Stripe.PaymentIntent.NextAction;
  ctx.emit('payment_intent.requires_action', pi);
}

function startProcessing(
  ctx: Ctx,
  pi: Stripe.PaymentIntent,
  record: PaymentMethodRecord,
  mandate: string | null,
): void {
  const charge = createCharge(ctx, pi, record, 'pending', null, mandate);
  Object.assign(pi, { status: 'processing', latest_charge: charge.id, next_action: null });
  ctx.emit('charge.pending', charge);
  afterUse(ctx, pi, record, mandate);
  ctx.emit('payment_intent.processing', pi);
}

/** The customer finishes (or fails) 3D Secure: what Stripe.js reports after its challenge. */
export function authenticate(ctx: Ctx, pi: Stripe.PaymentIntent, outcome: 'succeed' | 'fail'): void {
  if (pi.status !== 'requires_action') {
    throw unexpectedState(
      `This PaymentIntent has a status of ${pi.status}; only one in requires_action can be authenticated.`,
    );
  }
  const record = ctx.store.paymentMethods.get(pi.payment_method as string)!;
  if (outcome === 'succeed') {
    // Authenticating with setup_future_usage=off_session is what lets later off-session charges through.
    if (pi.setup_future_usage === 'off_session') record.setUpForOffSession = true;
    return succeed(ctx, pi, record);
  }
  Object.assign(pi, {
    status: 'requires_payment_method',
    payment_method: null,
    next_action: null,
    last_payment_error: {
      type: 'invalid_request_error',
      code: 'payment_intent_authentication_failure',
      message:
        'The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.',
      doc_url: 'https://stripe.com/docs/error-codes/payment-intent-authentication-failure',
      payment_method: clone(record.object),
    },
  });
  if (!record.object.customer) record.consumed = true;
  ctx.emit('payment_intent.payment_failed', pi);
}

/** A SEPA/ACH debit in `processing` clears or bounces: what the bank tells Stripe days later. */
export function settle(ctx: Ctx, pi: Stripe.PaymentIntent, outcome: 'succeeded' | 'failed'): void {
  if (pi.status !== 'processing')
    throw new Error(`Stripe fake: ${pi.id} is ${pi.status}, not processing; only processing debits settle`);
  const charge = ctx.store.charges.get(pi.latest_charge as string)!;
  const record = ctx.store.paymentMethods.get(charge.payment_method!)!;
  const failureCode =
    record.behaviour.kind === 'bank_debit'
      ? (record.behaviour.failureCode ?? 'insufficient_funds')
      : 'insufficient_funds';
  settleCharge(charge, outcome, failureCode);
  if (outcome === 'succeeded') {
    ctx.emit('charge.succeeded', charge);
    Object.assign(pi, { status: 'succeeded', amount_received: pi.amount });
    ctx.emit('payment_intent.succeeded', pi);
    return;
  }
  ctx.emit('charge.failed', charge);
  Object.assign(pi, {
    status: 'requires_payment_method',
    payment_method: null,
    last_payment_error: {
      type: 'card_error',
      code: failureCode,
      message: charge.failure_message,
      charge: charge.id,
      payment_method: clone(record.object),
    },
  });
  ctx.emit('payment_intent.payment_failed', pi);
}

/** SEPA and ACH debits need the customer's mandate: accepted now (mandate_data), or saved with the method. */
export function mandateFor(
  record: PaymentMethodRecord,
  opts: { offSession: boolean; mandateData: unknown; mandate?: string },
): string | null {
  if (record.behaviour.kind !== 'bank_debit') return null;
  if (opts.mandate) return opts.mandate;
  if (opts.mandateData) return newId('mandate');
  if (opts.offSession && record.mandate) return record.mandate;
  throw invalidRequest(
    `A mandate is required to debit this ${record.object.type} PaymentMethod: confirm with mandate_data[customer_acceptance] (Stripe.js sends it), or use a method saved with a mandate.`,
    { code: 'parameter_missing', param: 'mandate_data' },
  );
}
