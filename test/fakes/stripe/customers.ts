import type Stripe from 'stripe';
import type { Ctx } from './context';
import { resourceMissing } from './errors';
import { newId, nowSeconds } from './ids';
import {
  array,
  expand,
  hash,
  integer,
  mergeMetadata,
  metadata,
  nullableString,
  string,
  type Parsed,
} from './params';
import { assertUsable, attachToCustomer, resolvePaymentMethod } from './payment-methods';
import { route } from './routes';
import { expandObject, list } from './views';

const address = hash({
  city: nullableString(),
  country: nullableString(),
  line1: nullableString(),
  line2: nullableString(),
  postal_code: nullableString(),
  state: nullableString(),
});

const writable = {
  email: nullableString({ max: 512 }),
  name: nullableString({ max: 256 }),
  description: nullableString(),
  phone: nullableString(),
  address,
  metadata: metadata(),
  preferred_locales: array(string()),
  invoice_settings: hash({ default_payment_method: nullableString() }),
  expand: expand(),
};

function apply(ctx: Ctx, customer: Stripe.Customer, params: Parsed<typeof writable>): void {
  if (params.email !== undefined) customer.email = params.email;
  if (params.name !== undefined) customer.name = params.name;
  if (params.description !== undefined) customer.description = params.description;
  if (params.phone !== undefined) customer.phone = params.phone;
  if (params.preferred_locales) customer.preferred_locales = params.preferred_locales;
  if (params.metadata !== undefined) customer.metadata = mergeMetadata(customer.metadata, params.metadata);
  if (params.address) {
    const a = params.address;
    customer.address = {
      city: a.city ?? null,
      country: a.country ?? null,
      line1: a.line1 ?? null,
      line2: a.line2 ?? null,
      postal_code: a.postal_code ?? null,
      state: a.state ?? null,
    };
  }
  const defaultPm = params.invoice_settings?.default_payment_method;
  if (defaultPm !== undefined) {
    if (defaultPm !== null) {
      const record = ctx.store.paymentMethods.get(defaultPm);
      if (!record)
        throw resourceMissing('PaymentMethod', defaultPm, 'invoice_settings[default_payment_method]');
      assertUsable(record, customer.id, 'invoice_settings[default_payment_method]');
    }
    customer.invoice_settings.default_payment_method = defaultPm;
  }
}

function find(ctx: Ctx, id: string): Stripe.Customer {
  const customer = ctx.store.customers.get(id);
  if (!customer) throw resourceMissing('customer', id);
  return customer;
}

export const customerRoutes = [
  route({
    method: 'POST',
    path: '/v1/customers',
    spec: { ...writable, payment_method: string() },
    handle: (ctx, params) => {
      const customer: Stripe.Customer = {
        id: newId('cus', 14),
        object: 'customer',
        address: null,
        balance: 0,
        created: nowSeconds(),
        currency: null,
        default_source: null,
        delinquent: false,
        description: null,
        discount: null,
        email: null,
        invoice_prefix: newId('X', 6).slice(2).toUpperCase(),
        invoice_settings: {
          custom_fields: null,
          default_payment_method: null,
          footer: null,
          rendering_options: null,
        },
        livemode: false,
        metadata: {},
        name: null,
        next_invoice_sequence: 1,
        phone: null,
        preferred_locales: [],
        shipping: null,
        tax_exempt: 'none',
        test_clock: null,
      };
      ctx.store.customers.set(customer.id, customer);
      // `payment_method` on create attaches it, which is what makes it usable for this customer.
      if (params.payment_method) {
        const record = resolvePaymentMethod(ctx, params.payment_method);
        assertUsable(record, customer.id);
        attachToCustomer(ctx, record, customer.id);
      }
      apply(ctx, customer, params);
      ctx.emit('customer.created', customer);
      return expandObject(ctx.store, customer, params.expand);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/customers/:id',
    spec: { expand: expand() },
    handle: (ctx, params, { id }) => expandObject(ctx.store, find(ctx, id!), params.expand),
  }),
  route({
    method: 'POST',
    path: '/v1/customers/:id',
    spec: writable,
    handle: (ctx, params, { id }) => {
      const customer = find(ctx, id!);
      apply(ctx, customer, params);
      ctx.emit('customer.updated', customer);
      return expandObject(ctx.store, customer, params.expand);
    },
  }),
  route({
    method: 'GET',
    path: '/v1/customers',
    spec: {
      email: string(),
      limit: integer(),
      starting_after: string(),
      ending_before: string(),
      expand: expand(),
    },
    handle: (ctx, params) => {
      const items = [...ctx.store.customers.values()].filter(
        (c) => !params.email || c.email === params.email,
      );
      return expandObject(ctx.store, list('/v1/customers', items, params), params.expand);
    },
  }),
];
