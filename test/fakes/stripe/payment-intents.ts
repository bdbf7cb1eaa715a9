import type Stripe from 'stripe';
import type { Ctx } from './context';
import { invalidRequest, resourceMissing, unexpectedState } from './errors';
import { nowSeconds } from './ids';
import { checkAmount, currency } from './money';
import {
  anyHash,
  array,
  boolean,
  emptyable,
  expand,
  hash,
  integer,
  mergeMetadata,
  metadata,
  nullableString,
  oneOf,
  required,
  string,
  type Parsed,
} from './params';
import { attemptPayment, authenticate, mandateFor } from './payment-attempts';
import {
  assertUsable,
  createPaymentMethod,
  paymentMethodDataSpec,
  resolvePaymentMethod,
} from './payment-methods';
import { methodTypesFor, newPaymentIntent, type MethodType } from './payment-intent-object';
import { checkClientSecret, viewFor } from './publishable';
import { route } from './routes';
import { expandObject, list } from './views';

const methodType = () => oneOf('card', 'sepa_debit', 'us_bank_account');

/** `off_session` takes a boolean, or `one_off` / `recurring` (both mean true here). */
const offSession = () => ({
  required: false as const,
  parse: (value: Parameters<ReturnType<typeof boolean>['parse']>[0], param: string) =>
    value === 'one_off' || value === 'recurring' ? true : boolean().parse(value, param),
});

const confirmable = {
  allowed_payment_method_types: array(methodType()),
  excluded_payment_method_types: emptyable(array(methodType())),
  payment_method: string(),
  payment_method_data: hash(paymentMethodDataSpec),
  payment_method_options: anyHash(),
  return_url: string(),
  off_session: offSession(),
  mandate: string(),
  mandate_data: anyHash(),
  error_on_requires_action: boolean(),
  use_stripe_sdk: boolean(),
  receipt_email: nullableString(),
  setup_future_usage: oneOf('off_session', 'on_session'),
  expand: expand(),
};

const createSpec = {
  ...confirmable,
  amount: required(integer()),
  currency: required(currency()),
  customer: string(),
  description: nullableString(),
  metadata: metadata(),
  automatic_payment_methods: hash({
    enabled: required(boolean()),
    allow_redirects: oneOf('always', 'never'),
  }),
  confirm: boolean(),
  capture_method: oneOf('automatic', 'automatic_async'),
  confirmation_method: oneOf('automatic'),
  statement_descriptor: nullableString({ max: 22 }),
  statement_descriptor_suffix: nullableString({ max: 22 }),
};

const updateSpec = {
  amount: integer(),
  currency: currency(),
  customer: nullableString(),
  description: nullableString(),
  metadata: metadata(),
  payment_method: string(),
  allowed_payment_method_types: array(methodType()),
  excluded_payment_method_types: emptyable(array(methodType())),
  receipt_email: nullableString(),
  setup_future_usage: oneOf('off_session', 'on_session', ''),
  statement_descriptor: nullableString({ max: 22 }),
  statement_descriptor_suffix: nullableString({ max: 22 }),
  expand: expand(),
};

export function findPaymentIntent(ctx: Ctx, id: string, param = 'intent'): Stripe.PaymentIntent {
  const pi = ctx.store.paymentIntents.get(id);
  if (!pi) throw resourceMissing('payment_intent', id, param);
  return pi;
}

const respond = (ctx: Ctx, pi: Stripe.PaymentIntent, paths?: string[]) =>
  viewFor(ctx, expandObject(ctx.store, pi, paths));

/** Confirmation, shared by `confirm=true` on create and `/confirm`. */
function confirm(ctx: Ctx, pi: Stripe.PaymentIntent, params: Parsed<typeof confirmable>): void {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(pi.status)) {
    throw unexpectedState(
      pi.status === 'succeeded'
        ? 'You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.'
        : `You cannot confirm this PaymentIntent because it has a status of ${pi.status}.`,
    );
  }
  if (params.payment_method && params.payment_method_data) {
    throw invalidRequest(
      'You may only specify one of these parameters: payment_method, payment_method_data.',
      { code: 'parameters_exclusive' },
    );
  }
  if (params.receipt_email !== undefined) pi.receipt_email = params.receipt_email;
  if (params.setup_future_usage) pi.setup_future_usage = params.setup_future_usage;
  if (params.allowed_payment_method_types || params.excluded_payment_method_types !== undefined) {
    const allowed =
      params.allowed_payment_method_types ?? (pi.allowed_payment_method_types as MethodType[] | null);
    const excluded =
      params.excluded_payment_method_types !== undefined
        ? params.excluded_payment_method_types
        : (pi.excluded_payment_method_types as MethodType[] | null);
    Object.assign(pi, {
      payment_method_types: methodTypesFor(pi.currency, allowed, excluded),
      allowed_payment_method_types: allowed,
      excluded_payment_method_types: excluded,
    });
  }
  const customer = pi.customer as string | null;
  const record = params.payment_method_data
    ? createPaymentMethod(ctx, params.payment_method_data)
    : params.payment_method
      ? resolvePaymentMethod(ctx, params.payment_method)
      : pi.payment_method
        ? resolvePaymentMethod(ctx, pi.payment_method as string)
        : null;
  if (!record) {
    throw unexpectedState(
      "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
    );
  }
  const type = record.object.type as MethodType;
  if (!pi.payment_method_types.includes(type)) {
    throw invalidRequest(
      `The PaymentMethod provided (${type}) is not allowed for this PaymentIntent. Please attach a PaymentMethod of one of the following types: ${pi.payment_method_types.join(', ')}.`,
      { code: 'payment_intent_incompatible_payment_method', param: 'payment_method' },
    );
  }
  assertUsable(record, customer);
  const offSession = params.off_session === true;
  if (offSession && !customer) {
    throw invalidRequest('A customer is required to charge a saved payment method off-session.', {
      param: 'customer',
    });
  }
  const mandate = mandateFor(record, {
    offSession,
    mandateData: params.mandate_data,
    mandate: params.mandate,
  });
  attemptPayment(ctx, pi, record, {
    offSession,
    errorOnRequiresAction: params.error_on_requires_action === true,
    mandate,
  });
}

export const paymentIntentRoutes = [
  route({
    method: 'POST',
    path: '/v1/payment_intents',
    spec: createSpec,
    check: (params) => {
      checkAmount(params.amount, params.currency);
      if (params.off_session !== undefined && params.confirm !== true) {
        throw invalidRequest('You may only pass `off_session` when also passing `confirm=true`.', {
          param: 'off_session',
        });
      }
      if (params.payment_method_data && params.confirm !== true) {
        throw invalidRequest('You may only pass `payment_method_data` when also passing `confirm=true`.', {
          param: 'payment_method_data',
        });
      }
      methodTypesFor(
        params.currency,
        params.allowed_payment_method_types,
        params.excluded_payment_method_types,
      );
    },
    handle: (ctx, params) => {
      if (params.customer && !ctx.store.customers.has(params.customer))
        throw resourceMissing('customer', params.customer, 'customer');
      const types = methodTypesFor(
        params.currency,
        params.allowed_payment_method_types,
        params.excluded_payment_method_types,
      );
      const pi = newPaymentIntent({
        ...params,
        types,
        automatic:
          params.allowed_payment_method_types && !params.automatic_payment_methods
            ? null
            : (params.automatic_payment_methods?.allow_redirects ?? 'always'),
      });
      if (params.payment_method && !params.confirm) {
        const record = resolvePaymentMethod(ctx, params.payment_method);
        assertUsable(record, pi.customer as string | null);
        pi.payment_method = record.object.id;
        pi.status = 'requires_confirmation';
      }
      ctx.store.paymentIntents.set(pi.id, pi);
      ctx.emit('payment_intent.created', pi);
      if (params.confirm) confirm(ctx, pi, params);
      return respond(ctx, pi, params.expand);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/payment_intents/:id',
    spec: { client_secret: string(), expand: expand() },
    publishable: true,
    handle: (ctx, params, { id }) => {
      const pi = findPaymentIntent(ctx, id!);
      checkClientSecret(ctx, pi, params.client_secret);
      return respond(ctx, pi, params.expand);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/payment_intents/:id',
    spec: updateSpec,
    handle: (ctx, params, { id }) => {
      const pi = findPaymentIntent(ctx, id!);
      const changesPayment = [
        'amount',
        'currency',
        'payment_method',
        'allowed_payment_method_types',
        'excluded_payment_method_types',
        'customer',
      ].some((k) => k in params);
      if (
        changesPayment &&
        !['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(pi.status)
      ) {
        throw unexpectedState(
          `This PaymentIntent's ${Object.keys(params).join(', ')} could not be updated because it has a status of ${pi.status}. You may only update them on a PaymentIntent with one of the following statuses: requires_payment_method, requires_confirmation, requires_action.`,
        );
      }
      const amount = params.amount ?? pi.amount;
      const code = params.currency ?? pi.currency;
      checkAmount(amount, code);
      const allowed =
        params.allowed_payment_method_types ?? (pi.allowed_payment_method_types as MethodType[] | null);
      const excluded =
        params.excluded_payment_method_types !== undefined
          ? params.excluded_payment_method_types
          : (pi.excluded_payment_method_types as MethodType[] | null);
      const types = methodTypesFor(code, allowed, excluded);
      if (params.customer) {
        if (!ctx.store.customers.has(params.customer))
          throw resourceMissing('customer', params.customer, 'customer');
      }
      Object.assign(pi, {
        amount,
        currency: code,
        payment_method_types: types,
        allowed_payment_method_types: allowed,
        excluded_payment_method_types: excluded,
      });
      if (params.customer !== undefined) pi.customer = params.customer;
      if (params.description !== undefined) pi.description = params.description;
      if (params.receipt_email !== undefined) pi.receipt_email = params.receipt_email;
      if (params.statement_descriptor !== undefined) pi.statement_descriptor = params.statement_descriptor;
      if (params.statement_descriptor_suffix !== undefined)
        pi.statement_descriptor_suffix = params.statement_descriptor_suffix;
      if (params.setup_future_usage !== undefined) pi.setup_future_usage = params.setup_future_usage || null;
      if (params.metadata !== undefined) pi.metadata = mergeMetadata(pi.metadata, params.metadata);
      if (params.payment_method) {
        const record = resolvePaymentMethod(ctx, params.payment_method);
        assertUsable(record, pi.customer as string | null);
        pi.payment_method = record.object.id;
        pi.status = 'requires_confirmation';
        pi.next_action = null;
      }
      return respond(ctx, pi, params.expand);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/payment_intents/:id/confirm',
    spec: { ...confirmable, client_secret: string() },
    publishable: true,
    handle: (ctx, params, { id }) => {
      const pi = findPaymentIntent(ctx, id!);
      checkClientSecret(ctx, pi, params.client_secret);
      confirm(ctx, pi, params);
      return respond(ctx, pi, params.expand);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/payment_intents/:id/cancel',
    spec: {
      cancellation_reason: oneOf('duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'),
      expand: expand(),
    },
    handle: (ctx, params, { id }) => {
      const pi = findPaymentIntent(ctx, id!);
      if (
        !['requires_payment_method', 'requires_capture', 'requires_confirmation', 'requires_action'].includes(
          pi.status,
        )
      ) {
        throw unexpectedState(
          `You cannot cancel this PaymentIntent because it has a status of ${pi.status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.`,
        );
      }
      Object.assign(pi, {
        status: 'canceled',
        canceled_at: nowSeconds(),
        cancellation_reason: params.cancellation_reason ?? null,
        next_action: null,
      });
      ctx.emit('payment_intent.canceled', pi);
      return respond(ctx, pi, params.expand);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/payment_intents',
    spec: {
      customer: string(),
      limit: integer(),
      starting_after: string(),
      ending_before: string(),
      expand: expand(),
    },
    handle: (ctx, params) => {
      const items = [...ctx.store.paymentIntents.values()].filter(
        (pi) => !params.customer || pi.customer === params.customer,
      );
      return expandObject(ctx.store, list('/v1/payment_intents', items, params), params.expand);
    },
  }),
  // Not a Stripe endpoint: what the Stripe.js double calls once the (simulated) 3D Secure challenge is done.
  route({
    method: 'POST',
    path: '/v1/payment_intents/:id/_simulate_authentication',
    spec: { client_secret: string(), outcome: required(oneOf('succeed', 'fail')), expand: expand() },
    publishable: true,
    handle: (ctx, params, { id }) => {
      const pi = findPaymentIntent(ctx, id!);
      checkClientSecret(ctx, pi, params.client_secret);
      authenticate(ctx, pi, params.outcome);
      return respond(ctx, pi, params.expand);
    },
  }),
];
