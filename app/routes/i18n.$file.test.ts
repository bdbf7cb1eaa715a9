import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp, type RunningApp } from '../../test/setup/app-server';
import { createClient } from '../../test/setup/http';
import { createIssuedInvoice } from '../../test/factories';
import { debtor } from '~/i18n/debtor';
import { debtorCases } from '~/i18n/debtor-cases';

let app: RunningApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app.stop());

const preloadHref = (html: string) => /<link[^>]*data-messages="debtor\.(?:fr|en)"[^>]*>/.exec(html)?.[0];

describe('the debtor page’s dictionary, sent apart from its data', () => {
  test('the page preloads its language’s file and carries no dictionary in its data', async () => {
    const invoice = await createIssuedInvoice();
    const client = createClient(app.url);
    for (const [language, locale] of [
      ['fr-FR', 'fr'],
      ['en-GB', 'en'],
    ] as const) {
      const page = await client.get(`/i/${invoice.token}`, { headers: { 'accept-language': language } });
      const link = preloadHref(page.body);
      expect(link).toContain(`href="/i18n/debtor.${locale}.json?v=`);
      expect(link).toContain('rel="preload"');
      // A string only the dictionary holds (a payment error the page does not show) is not in the page.
      expect(page.body).not.toContain(debtor[locale]['pay.error.amount_invalid']!);
    }
  });

  test('the versioned file is the dictionary, cached for a year; another version is not cached; unknown is 404', async () => {
    const invoice = await createIssuedInvoice();
    const client = createClient(app.url);
    const page = await client.get(`/i/${invoice.token}`, { headers: { 'accept-language': 'fr-FR' } });
    const href = /href="(\/i18n\/debtor\.fr\.json\?v=[0-9a-f]+)"/.exec(page.body)![1]!;
    const file = await fetch(`${app.url}${href}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await file.json()).toEqual({ ...debtor.fr, ...debtorCases.fr });
    const stale = await fetch(`${app.url}/i18n/debtor.fr.json?v=old`);
    expect(stale.headers.get('cache-control')).toBe('no-cache');
    for (const name of ['debtor.de.json', 'admin.fr.json', '..%2Fdebtor.fr.json', 'debtor.fr.js']) {
      expect((await fetch(`${app.url}/i18n/${name}`)).status).toBe(404);
    }
  });
});
