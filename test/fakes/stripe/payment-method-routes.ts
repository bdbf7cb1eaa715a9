import type Stripe from 'stripe';
import type { Ctx } from './context';
import { invalidRequest, resourceMissing, StripeFakeError } from './errors';
import { expand, integer, metadata, oneOf, required, string, type Parsed } from './params';
import {
  assertUsable,
  attachToCustomer,
  billingDetails,
  createPaymentMethod,
  paymentMethodDataSpec,
  resolvePaymentMethod,
} from './payment-methods';
import { route } from './routes';
import { expandObject, list } from './views';

/** /v1/payment_methods: create, retrieve, update, attach, detach, and the lists of a customer's methods. */
function requireCustomer(ctx: Ctx, id: string, param = 'customer'): Stripe.Customer {
  const customer = ctx.store.customers.get(id);
  if (!customer) throw resourceMissing('customer', id, param);
  return customer;
}

const listSpec = {
  customer: string(),
  type: oneOf('card', 'sepa_debit', 'us_bank_account'),
  limit: integer(),
  starting_after: string(),
  ending_before: string(),
  expand: expand(),
};

const { customer: _customer, ...listSpecWithoutCustomer } = listSpec;

function listFor(ctx: Ctx, customer: string, params: Parsed<typeof listSpec>, url: string) {
  requireCustomer(ctx, customer);
  const items = [...ctx.store.paymentMethods.values()]
    .map((r) => r.object)
    .filter((pm) => pm.customer === customer && (!params.type || pm.type === params.type));
  return expandObject(ctx.store, list(url, items, params), params.expand);
}

export const paymentMethodRoutes = [
  route({
    method: 'POST',
    path: '/v1/payment_methods',
    spec: { ...paymentMethodDataSpec, expand: expand() },
    publishable: true,
    handle: (ctx, params) => expandObject(ctx.store, createPaymentMethod(ctx, params).object, params.expand),
  }),
  route({
    method: 'GET',
    path: '/v1/payment_methods/:id',
    spec: { expand: expand() },
    handle: (ctx, params, { id }) => {
      const record = ctx.store.paymentMethods.get(id!);
      if (!record) throw resourceMissing('PaymentMethod', id!);
      return expandObject(ctx.store, record.object, params.expand);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/payment_methods/:id',
    spec: {
      billing_details: billingDetails,
      metadata: metadata(),
      allow_redisplay: oneOf('always', 'limited', 'unspecified'),
      expand: expand(),
    },
    handle: (ctx, params, { id }) => {
      const record = ctx.store.paymentMethods.get(id!);
      if (!record) throw resourceMissing('PaymentMethod', id!);
      const pm = record.object;
      if (params.metadata !== undefined)
        pm.metadata = params.metadata === null ? {} : { ...pm.metadata, ...params.metadata };
      if (params.allow_redisplay) pm.allow_redisplay = params.allow_redisplay;
      if (params.billing_details) {
        const { address, ...rest } = params.billing_details;
        Object.assign(pm.billing_details, rest);
        if (address) pm.billing_details.address = { ...pm.billing_details.address!, ...address };
      }
      ctx.emit('payment_method.updated', pm);
      return expandObject(ctx.store, pm, params.expand);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/payment_methods/:id/attach',
    spec: { customer: required(string()), expand: expand() },
    handle: (ctx, params, { id }) => {
      const record = resolvePaymentMethod(ctx, id!, 'payment_method');
      requireCustomer(ctx, params.customer);
      if (record.object.customer && record.object.customer !== params.customer) {
        throw invalidRequest('The payment method you provided has already been attached to a customer.', {
          param: 'payment_method',
        });
      }
      assertUsable(record, params.customer);
      // Attaching a card runs a zero-amount check with the issuer: cards that always decline fail here.
      if (record.behaviour.kind === 'declines' && record.behaviour.onAttach) {
        const b = record.behaviour;
        throw new StripeFakeError(402, {
          type: 'card_error',
          code: b.code,
          decline_code: b.declineCode,
          message: b.message,
        });
      }
      attachToCustomer(ctx, record, params.customer);
      return expandObject(ctx.store, record.object, params.expand);
    },
  }),
  route({
    method: 'POST',
    path: '/v1/payment_methods/:id/detach',
    spec: { expand: expand() },
    handle: (ctx, params, { id }) => {
      const record = ctx.store.paymentMethods.get(id!);
      if (!record) throw resourceMissing('PaymentMethod', id!);
      const owner = record.object.customer as string | null;
      if (!owner) {
        throw invalidRequest(
          'The payment method you provided is not attached to a customer so detachment is impossible.',
          {
            param: 'payment_method',
          },
        );
      }
      const customer = ctx.store.customers.get(owner);
      if (customer?.invoice_settings.default_payment_method === record.object.id)
        customer.invoice_settings.default_payment_method = null;
      record.object.customer = null;
      record.consumed = true; // Stripe: a detached PaymentMethod cannot be used again.
      ctx.emit('payment_method.detached', record.object);
      return expandObject(ctx.store, record.object, params.expand);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/payment_methods',
    spec: { ...listSpec, customer: required(string()) },
    handle: (ctx, params) => listFor(ctx, params.customer, params, '/v1/payment_methods'),
  }),
  route({
    method: 'GET',
    path: '/v1/customers/:id/payment_methods',
    spec: listSpecWithoutCustomer,
    handle: (ctx, params, { id }) => listFor(ctx, id!, params, `/v1/customers/${id}/payment_methods`),
  }),
];
