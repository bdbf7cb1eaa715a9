import type Stripe from 'stripe';
import type { Ctx } from './context';
import { invalidRequest, resourceMissing, StripeFakeError } from './errors';
import { newClientSecret, newId, nowSeconds } from './ids';
import {
  anyHash,
  array,
  boolean,
  expand,
  hash,
  metadata,
  nullableString,
  oneOf,
  required,
  string,
  type Parsed,
} from './params';
import { mandateFor } from './payment-attempts';
import {
  assertUsable,
  attachToCustomer,
  createPaymentMethod,
  paymentMethodDataSpec,
  resolvePaymentMethod,
} from './payment-methods';
import { checkClientSecret, viewFor } from './publishable';
import { route } from './routes';
import { clone, type PaymentMethodRecord } from './store';
import { expandObject } from './views';

/**
 * SetupIntents save a method for later off-session charges (installments): cards authenticate once here, bank
 * debits get their mandate here. A card that always declines fails setup; `pm_card_chargeCustomerFail` passes.
 */
const confirmable = {
  payment_method: string(),
  payment_method_data: hash(paymentMethodDataSpec),
  payment_method_options: anyHash(),
  mandate_data: anyHash(),
  return_url: string(),
  use_stripe_sdk: boolean(),
  expand: expand(),
};

function find(ctx: Ctx, id: string): Stripe.SetupIntent {
  const si = ctx.store.setupIntents.get(id);
  if (!si) throw resourceMissing('setup_intent', id, 'intent');
  return si;
}

const respond = (ctx: Ctx, si: Stripe.SetupIntent, paths?: string[]) =>
  viewFor(ctx, expandObject(ctx.store, si, paths));

function succeedSetup(
  ctx: Ctx,
  si: Stripe.SetupIntent,
  record: PaymentMethodRecord,
  mandate: string | null,
): void {
  if (si.customer) attachToCustomer(ctx, record, si.customer as string);
  record.setUpForOffSession = si.usage === 'off_session';
  if (mandate) record.mandate = mandate;
  Object.assign(si, { status: 'succeeded', next_action: null, last_setup_error: null, mandate });
  ctx.emit('setup_intent.succeeded', si);
}

function confirm(ctx: Ctx, si: Stripe.SetupIntent, params: Parsed<typeof confirmable>): void {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(si.status)) {
    throw invalidRequest(`You cannot confirm this SetupIntent because it has a status of ${si.status}.`, {
      code: 'setup_intent_unexpected_state',
    });
  }
  const record = params.payment_method_data
    ? createPaymentMethod(ctx, params.payment_method_data)
    : params.payment_method
      ? resolvePaymentMethod(ctx, params.payment_method)
      : si.payment_method
        ? resolvePaymentMethod(ctx, si.payment_method as string)
        : null;
  if (!record)
    throw invalidRequest("You cannot confirm this SetupIntent because it's missing a payment method.", {
      code: 'setup_intent_unexpected_state',
    });
  if (!si.payment_method_types.includes(record.object.type)) {
    throw invalidRequest(
      `The PaymentMethod provided (${record.object.type}) is not allowed for this SetupIntent.`,
      { param: 'payment_method' },
    );
  }
  assertUsable(record, si.customer as string | null);
  si.payment_method = record.object.id;
  si.latest_attempt = newId('setatt');
  const b = record.behaviour;
  if (b.kind === 'declines' && b.onAttach) {
    Object.assign(si, {
      status: 'requires_payment_method',
      payment_method: null,
      last_setup_error: {
        type: 'card_error',
        code: b.code,
        decline_code: b.declineCode,
        message: b.message,
        payment_method: clone(record.object),
      },
    });
    ctx.emit('setup_intent.setup_failed', si);
    throw new StripeFakeError(402, {
      type: 'card_error',
      code: b.code,
      decline_code: b.declineCode,
      message: b.message,
      setup_intent: viewFor(ctx, clone(si)),
      payment_method: clone(record.object),
    });
  }
  if (b.kind === 'authentication') {
    si.status = 'requires_action';
    si.next_action = {
      type: 'use_stripe_sdk',
      use_stripe_sdk: { type: 'three_d_secure_redirect' },
    } as Stripe.SetupIntent.NextAction;
    ctx.emit('setup_intent.requires_action', si);
    return;
  }
  succeedSetup(ctx, si, record, mandateFor(record, { offSession: false, mandateData: params.mandate_data }));
}

export const setupIntentRoutes = [
  route({
    method: 'POST',
    path: '/v1/setup_intents',
    spec: {
      ...confirmable,
      customer: string(),
      description: nullableString(),
      metadata: metadata(),
      allowed_payment_method_types: array(oneOf('card', 'sepa_debit', 'us_bank_account')),
      excluded_payment_method_types: array(oneOf('card', 'sepa_debit', 'us_bank_account')),
      automatic_payment_methods: hash({
        enabled: required(boolean()),
        allow_redirects: oneOf('always', 'never'),
      }),
      usage: oneOf('off_session', 'on_session'),
      confirm: boolean(),
    },
    handle: (ctx, params) => {
      if (params.customer && !ctx.store.customers.has(params.customer))
        throw resourceMissing('customer', params.customer, 'customer');
      const id = newId('seti');
      const allowed = params.allowed_payment_method_types ?? ['card', 'sepa_debit', 'us_bank_account'];
      const types = allowed.filter((type) => !params.excluded_payment_method_types?.includes(type));
      const si: Stripe.SetupIntent = {
        id,
        object: 'setup_intent',
        allowed_payment_method_types: params.allowed_payment_method_types ?? null,
        application: null,
        automatic_payment_methods: params.allowed_payment_method_types
          ? null
          : { allow_redirects: 'always', enabled: true },
        cancellation_reason: null,
        client_secret: newClientSecret(id),
        created: nowSeconds(),
        customer: params.customer ?? null,
        description: params.description ?? null,
        excluded_payment_method_types: params.excluded_payment_method_types ?? null,
        flow_directions: null,
        last_setup_error: null,
        latest_attempt: null,
        livemode: false,
        mandate: null,
        metadata: params.metadata ?? {},
        next_action: null,
        on_behalf_of: null,
        payment_method: null,
        payment_method_configuration_details: null,
        payment_method_options: {},
        payment_method_types: types,
        single_use_mandate: null,
        status: 'requires_payment_method',
        usage: params.usage ?? 'off_session',
      };
      if (params.payment_method && !params.confirm) {
        si.payment_method = resolvePaymentMethod(ctx, params.payment_method).object.id;
        si.status = 'requires_confirmation';
      }
      ctx.store.setupIntents.set(id, si);
      ctx.emit('setup_intent.created', si);
      if (params.confirm) confirm(ctx, si, params);
      return respond(ctx, si, params.expand);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/setup_intents/:id',
    spec: { client_secret: string(), expand: expand() },
    publishable: true,
    handle: (ctx, params, { id }) => {
      const si = find(ctx, id!);
      checkClientSecret(ctx, si, params.client_secret);
      return respond(ctx, si, params.expand);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/setup_intents/:id/confirm',
    spec: { ...confirmable, client_secret: string() },
    publishable: true,
    handle: (ctx, params, { id }) => {
      const si = find(ctx, id!);
      checkClientSecret(ctx, si, params.client_secret);
      confirm(ctx, si, params);
      return respond(ctx, si, params.expand);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/setup_intents/:id/cancel',
    spec: { cancellation_reason: oneOf('abandoned', 'duplicate', 'requested_by_customer'), expand: expand() },
    handle: (ctx, params, { id }) => {
      const si = find(ctx, id!);
      if (si.status === 'succeeded' || si.status === 'canceled') {
        throw invalidRequest(`You cannot cancel this SetupIntent because it has a status of ${si.status}.`, {
          code: 'setup_intent_unexpected_state',
        });
      }
      Object.assign(si, {
        status: 'canceled',
        cancellation_reason: params.cancellation_reason ?? null,
        next_action: null,
      });
      ctx.emit('setup_intent.canceled', si);
      return respond(ctx, si, params.expand);
    },
  }),
  // Not a Stripe endpoint: the Stripe.js double reports the outcome of the simulated 3D Secure challenge.
  route({
    method: 'POST',
    path: '/v1/setup_intents/:id/_simulate_authentication',
    spec: { client_secret: string(), outcome: required(oneOf('succeed', 'fail')), expand: expand() },
    publishable: true,
    handle: (ctx, params, { id }) => {
      const si = find(ctx, id!);
      checkClientSecret(ctx, si, params.client_secret);
      authenticateSetup(ctx, si, params.outcome);
      return respond(ctx, si, params.expand);
    },
  }),
];

export function authenticateSetup(ctx: Ctx, si: Stripe.SetupIntent, outcome: 'succeed' | 'fail'): void {
  if (si.status !== 'requires_action') {
    throw invalidRequest(
      `This SetupIntent has a status of ${si.status}; only one in requires_action can be authenticated.`,
      {
        code: 'setup_intent_unexpected_state',
      },
    );
  }
  const record = ctx.store.paymentMethods.get(si.payment_method as string)!;
  if (outcome === 'succeed') return succeedSetup(ctx, si, record, null);
  Object.assign(si, {
    status: 'requires_payment_method',
    payment_method: null,
    next_action: null,
    last_setup_error: {
      type: 'invalid_request_error',
      code: 'setup_intent_authentication_failure',
      message: 'The latest attempt to set up the payment method has failed because authentication failed.',
      payment_method: clone(record.object),
    },
  });
  ctx.emit('setup_intent.setup_failed', si);
}
