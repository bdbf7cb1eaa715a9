import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { business, businessLogos, events } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { createBusiness, createIssuedInvoice, createUser } from '../../test/factories';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient, type HttpClient } from '../../test/setup/http';
import { csrfOf, loginAs, textOf } from '../../test/support/admin-client';
import { pdfImages } from '../../test/support/pdf';

let app: RunningApp;
let client: HttpClient;
let csrf: string;
let businessId: string;

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  app = await startApp();
  businessId = (await createBusiness({ name: 'Atelier Avant' })).id;
  client = await loginAs(app, await createUser(businessId, { name: 'Olga Owner' }));
  csrf = await csrfOf(client, '/admin/settings');
});
afterAll(() => app.stop());

const row = async () => (await db().select().from(business).where(eq(business.id, businessId)))[0]!;

const valid = (overrides: Record<string, string> = {}) => ({
  csrf,
  name: 'Atelier Après',
  legalForm: 'SAS',
  siren: '',
  vatNumber: '',
  addressLine1: '3 quai Saint-Vincent',
  addressLine2: '',
  postalCode: '69001',
  city: 'Lyon',
  country: 'fr',
  email: 'compta@atelier.test',
  phone: '',
  iban: 'fr76 3000 6000 0112 3456 7890 189',
  bic: 'agrifrpp',
  defaultTermsDays: '45',
  penaltyRate: '12,5',
  emailFromName: 'Atelier (compta)',
  emailReplyTo: 'reponses@atelier.test',
  ...overrides,
});

function upload(bytes: Buffer, type: string, name: string) {
  const form = new FormData();
  form.set('csrf', csrf);
  form.set('intent', 'logo');
  form.set('logo', new Blob([new Uint8Array(bytes)], { type }), name);
  return client.request('POST', '/admin/settings?lang=en', form);
}

describe('business settings', () => {
  test('the hub shows the form and links to the other settings pages', async () => {
    const page = await client.get('/admin/settings?lang=en');
    expect(page.status).toBe(200);
    for (const href of [
      '/admin/settings/users',
      '/admin/settings/sessions',
      '/admin/plans/settings',
      '/admin/dunning',
      '/admin/settings/audit',
    ]) {
      expect(page.body).toContain(`href="${href}?lang=en"`);
    }
    expect(page.body).toContain('value="Atelier Avant"');
  });

  test('saves normalised values and records each change with before and after', async () => {
    const before = await row();
    const res = await client.postForm('/admin/settings?lang=en', valid());
    expect(res.status, textOf(res.body)).toBe(200);
    expect(textOf(res.body)).toContain('Settings saved.');
    expect(await row()).toMatchObject({
      name: 'Atelier Après',
      siren: null,
      country: 'FR',
      iban: 'FR76 3000 6000 0112 3456 7890 189',
      bic: 'AGRIFRPP',
      defaultTermsDays: 45,
      penaltyRateBps: 1250,
      emailFromName: 'Atelier (compta)',
      emailReplyTo: 'reponses@atelier.test',
    });
    const [event] = await db()
      .select()
      .from(events)
      .where(and(eq(events.businessId, businessId), eq(events.type, 'settings.business_updated')));
    expect(event!.data).toMatchObject({
      before: { name: 'Atelier Avant', defaultTermsDays: 30, penaltyRate: null, siren: before.siren },
      after: { name: 'Atelier Après', defaultTermsDays: 45, penaltyRate: 1250, siren: null },
    });
    expect(Object.keys(event!.data.before as object)).not.toContain('city');

    // The same values again change nothing and record nothing.
    const again = await client.postForm('/admin/settings?lang=en', valid());
    expect(textOf(again.body)).toContain('Nothing changed.');
    const all = await db()
      .select()
      .from(events)
      .where(and(eq(events.businessId, businessId), eq(events.type, 'settings.business_updated')));
    expect(all).toHaveLength(1);

    // An empty penalty rate means the statutory one.
    await client.postForm('/admin/settings', valid({ penaltyRate: '' }));
    expect((await row()).penaltyRateBps).toBeNull();
  });

  test.each([
    [{ iban: 'FR76 3000 6000 0112 3456 7890 188' }, 'Invalid IBAN'],
    [{ bic: 'AGRI' }, 'Invalid BIC'],
    [{ siren: '123456789' }, 'Invalid SIREN'],
    [{ name: '' }, 'This field is required.'],
    [{ defaultTermsDays: '-3' }, 'A number of days from 0 to 365.'],
    [{ penaltyRate: '12.345' }, 'A percentage from 0 to 100'],
    [{ emailReplyTo: 'not an email' }, 'Enter a valid email address.'],
    [{ emailFromName: 'Evil <x@y>' }, 'No quotes or angle brackets.'],
    [{ country: 'France' }, 'Two-letter country code'],
    [{ defaultVatExemption: 'exempt' }, 'Choose a VAT mention from the list.'],
  ])('%j answers 400 beside the field and writes nothing', async (bad, message) => {
    const before = await row();
    const res = await client.postForm('/admin/settings?lang=en', valid(bad));
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain(message);
    expect(await row()).toEqual(before);
  });

  test('French messages in French', async () => {
    const res = await client.postForm('/admin/settings?lang=fr', valid({ iban: 'FR00 1234' }));
    expect(res.status).toBe(400);
    expect(textOf(res.body)).toContain('IBAN invalide');
  });
});

describe('logo', () => {
  test('a PNG is stored in the database and served with its own type, cacheable, to anyone', async () => {
    const res = await upload(PNG, 'image/png', 'logo.png');
    expect(res.status, textOf(res.body)).toBe(200);
    expect(textOf(res.body)).toContain('Logo saved.');
    const { logoUrl } = await row();
    expect(logoUrl).toMatch(new RegExp(`^${app.url}/logo/${businessId}/[0-9a-f]{16}$`));
    const served = await createClient(app.url).get(new URL(logoUrl!).pathname);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect(served.bytes.equals(PNG)).toBe(true);
    expect((await createClient(app.url).get(`/logo/${businessId}/0000000000000000`)).status).toBe(404);
    expect((await createClient(app.url).get(`/logo/nope/nope`)).status).toBe(404);
    const [audit] = await db()
      .select()
      .from(events)
      .where(and(eq(events.businessId, businessId), eq(events.type, 'settings.logo_changed')));
    expect(audit!.data).toMatchObject({ before: { logoUrl: null }, after: { logoUrl } });
  });

  test("the debtor's PDF of an invoice carries the saved logo", async () => {
    expect((await row()).logoUrl).not.toBeNull();
    const invoice = await createIssuedInvoice({ businessId });
    const pdf = await createClient(app.url).get(`/i/${invoice.token}/pdf`);
    expect(pdf.status).toBe(200);
    // (its alpha channel is listed apart, as an smask)
    const images = pdfImages(pdf.bytes)
      .filter((row) => row[2] === 'image')
      .map((row) => row.join(' '));
    // One image on page 1, the 1 x 1 pixel logo.
    expect(images).toHaveLength(1);
    expect(images[0]).toMatch(/^1 0 image 1 1 /);
  });

  test('SVG, a renamed text file and oversized files are refused, and nothing changes', async () => {
    const before = await db().select().from(businessLogos).where(eq(businessLogos.businessId, businessId));
    const svg = await upload(
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'image/png',
      'logo.png',
    );
    expect(svg.status).toBe(400);
    expect(textOf(svg.body)).toContain('Only PNG and JPEG files are accepted.');
    const big = await upload(Buffer.concat([PNG, Buffer.alloc(600 * 1024)]), 'image/png', 'big.png');
    expect(big.status, app.logs()).toBe(413);
    expect(textOf(big.body)).toContain('File too large');
    const none = await client.postForm('/admin/settings?lang=en', { csrf, intent: 'logo' });
    expect(none.status).toBe(400);
    expect(await db().select().from(businessLogos).where(eq(businessLogos.businessId, businessId))).toEqual(
      before,
    );
  });

  test('removing the logo', async () => {
    const res = await client.postForm('/admin/settings?lang=en', { csrf, intent: 'remove-logo' });
    expect(textOf(res.body)).toContain('Logo removed.');
    expect((await row()).logoUrl).toBeNull();
  });
});

describe('audit log', () => {
  test('plan settings changes are recorded with before and after, once', async () => {
    const form = {
      csrf,
      'offers[0].parts': '3',
      'offers[0].interval': 'monthly',
      'offers[0].split': '30/30/40',
      minFirstPart: '0',
      minInvoice: '0',
      maxDurationDays: '120',
      promiseMaxDays: '30',
      promiseMaxPerInvoice: '2',
    };
    expect((await client.postForm('/admin/plans/settings', form)).status).toBe(200);
    expect((await client.postForm('/admin/plans/settings', form)).status).toBe(200);
    const recorded = await db()
      .select()
      .from(events)
      .where(and(eq(events.businessId, businessId), eq(events.type, 'settings.plans_updated')));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.data).toEqual({
      before: { installmentOffers: [], planMaxDurationDays: 180 },
      after: {
        installmentOffers: [{ id: '3m-30-30-40', parts: 3, interval: 'monthly', splitPercent: [30, 30, 40] }],
        planMaxDurationDays: 120,
      },
    });
  });

  test('the owner sees who changed what, with before and after', async () => {
    const page = await client.get('/admin/settings/audit?lang=en');
    expect(page.status, app.logs()).toBe(200);
    const text = textOf(page.body);
    expect(text).toContain('Business settings changed');
    expect(text).toContain('Olga Owner');
    expect(text).toContain('name: Atelier Avant → Atelier Après');
    expect(text).toContain('Logo changed');
    expect(text).toContain('Logo removed');
    expect(text).toContain('Installment settings changed');
    expect(text).toContain('planMaxDurationDays: 180 → 120');
    expect((await client.get('/admin/settings/audit?before=garbage')).status).toBe(200);
  });
});
