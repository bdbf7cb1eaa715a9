/**
 * The owner's Monday morning, in Chromium: the dashboard, then the aging report and a drill-down to a customer's
 * invoices, axe on each page. The seeded demo business has open invoices in several buckets.
 */
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { logIn } from './admin-login';

test('dashboard, aging report and its drill-down, each without an axe violation', async ({ page }) => {
  test.setTimeout(60_000);
  await logIn(page);
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });

  await nav.getByRole('link', { name: 'Tableau de bord' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Encours/ }).first()).toBeVisible();
  await expect(page.getByRole('img', { name: /Encaissements des six derniers mois/ }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // The overdue figure opens the list behind it.
  await page
    .getByRole('link', { name: /^En retard/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/admin\/reports\/aging\/invoices\?currency=[A-Z]{3}&bucket=overdue/);
  await expect(
    page.getByRole('heading', { level: 1, name: /Factures ouvertes · [A-Z]{3} · En retard/ }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  await nav.getByRole('link', { name: 'Balance âgée' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Balance âgée' })).toBeVisible();
  await expect(page.getByRole('img', { name: /Encours en [A-Z]{3} par ancienneté/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // Drill down: the first customer's line opens that customer's open invoices.
  const customers = page.getByRole('table', { name: /Encours par client/ });
  const firstCustomer = customers.getByRole('rowheader').first().getByRole('link');
  const name = (await firstCustomer.textContent())!.trim();
  await firstCustomer.click();
  await expect(page).toHaveURL(/\/admin\/reports\/aging\/invoices\?customer=/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  const invoiceRows = page.getByRole('table', { name: /Factures ouvertes/ }).getByRole('row');
  expect(await invoiceRows.count()).toBeGreaterThan(1);
  await expectNoAxeViolations(page);

  // The CSV download, as French Excel wants it.
  await page.goBack();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Télécharger le CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^balance-agee-\d{4}-\d{2}-\d{2}\.csv$/);
});
