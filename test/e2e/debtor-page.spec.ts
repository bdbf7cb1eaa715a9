import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { seedInfo } from './seed-info';

const nbsp = (s: string) => s.replace(/ /g, '[\\s\\u00a0\\u202f]');

test.describe('the debtor page on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, locale: 'fr-FR' });

  test('every demo situation reads plainly and passes axe', async ({ page }) => {
    const links = seedInfo().debtorLinks;
    expect(links.length).toBeGreaterThanOrEqual(3);
    const expected: Record<string, RegExp> = {
      '5 days late': /En retard de 5 jours/,
      'due in 3 days': /À régler dans 3 jours/,
      'partly paid': /À régler dans \d+ jours/,
    };
    for (const link of links) {
      await page.goto(link.url);
      const situation = Object.keys(expected).find((k) => link.label.endsWith(k))!;
      await expect(page.getByRole('status')).toHaveText(expected[situation]!);
      await expectNoAxeViolations(page);
      if (situation === '5 days late') {
        await expect(page.getByRole('heading', { name: 'Pénalités de retard à ce jour' })).toBeVisible();
        await expect(page.getByText(new RegExp(nbsp('40,00 €'))).first()).toBeVisible();
      }
      if (situation === 'partly paid') await expect(page.getByText('Déjà réglé')).toBeVisible();
    }
  });

  test('works with JavaScript off, including the language switch', async ({ browser }) => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      locale: 'fr-FR',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const [link] = seedInfo().debtorLinks;
    await page.goto(link!.url);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Facture');
    await page.getByRole('link', { name: 'Read this page in English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Invoice');
    await expect(page.getByText('Balance due').first()).toBeVisible();
    await context.close();
  });

  test('a bad link gets the plain 404 page, which passes axe too', async ({ page }) => {
    const response = await page.goto('/i/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Lien introuvable' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('keyboard: the language switch, the payment form and the PDF link are reachable with Tab', async ({
    page,
  }) => {
    const [link] = seedInfo().debtorLinks;
    await page.goto(link!.url);
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Read this page in English' })).toBeFocused();
    // The demo business takes partial payments: the amount choice comes first, then the button.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('radio', { name: /Le solde/ })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: /^Payer / })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Télécharger la facture (PDF)' })).toBeFocused();
  });

  test('with JavaScript on, the language switch loads the page in English, and its form still works', async ({
    page,
  }) => {
    const [link] = seedInfo().debtorLinks;
    await page.goto(link!.url);
    await page.getByRole('link', { name: 'Read this page in English' }).click();
    await expect(page.getByRole('link', { name: 'Lire cette page en français' })).toBeVisible();
    // Hydrated with the English dictionary: choosing an amount is interactive and in English.
    await page.getByRole('radio', { name: 'A different amount' }).check();
    await expect(page.getByRole('textbox', { name: 'Amount (EUR)' })).toBeVisible();
    await expect(page.getByText(/^Between .+ and .+\.$/)).toBeVisible();
    await expectNoAxeViolations(page);
  });
});
