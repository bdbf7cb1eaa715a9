/**
 * Writing off a bad debt in Chromium, axe on each page: the business gives up collecting an overdue invoice (its
 * reason refused empty, beside the field), the customer's link then says online payment is closed, and the
 * business resumes collection.
 */
import { eq } from 'drizzle-orm';
import { expect, test } from '@playwright/test';
import { users } from '#db/schema/index';
import { closeDb, db } from '~/utils/db.server';
import { createOverdueInvoice } from '../factories';
import { logIn } from './admin-login';
import { expectNoAxeViolations } from './axe';
import { seedInfo } from './seed-info';

const info = seedInfo();
process.env.DATABASE_URL = info.databaseUrl;
process.env.APP_URL = info.appUrl;
test.afterAll(() => closeDb());

test('write off an overdue invoice, see the customer’s page closed, then resume collection', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const [admin] = await db().select().from(users).where(eq(users.email, info.admin!.email));
  const invoice = await createOverdueInvoice(120, { businessId: admin!.businessId });
  await logIn(page);
  await page.goto(`/admin/invoices/${invoice.invoiceId}`);
  const card = page.getByRole('region', { name: 'Passer en perte' });
  await card.getByRole('button', { name: 'Passer le solde en perte' }).click();
  await expect(card.getByText('Indiquez pourquoi vous renoncez à recouvrer cette facture.')).toBeVisible();
  await expectNoAxeViolations(page);

  await card.getByLabel('Motif').fill('Client en liquidation judiciaire');
  await card.getByLabel('Motif').press('Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').first()).toHaveText(/Solde de 1.650,00.€ passé en perte/);
  await expect(page.getByText('Irrécouvrable').first()).toBeVisible();
  await expect(page.getByText('Client en liquidation judiciaire')).toBeVisible();
  await expectNoAxeViolations(page);

  const customer = await page.context().newPage();
  await customer.goto(invoice.url);
  await expect(customer.getByRole('heading', { name: 'Paiement en ligne fermé' })).toBeVisible();
  await expect(customer.getByRole('button', { name: /^Payer/ })).toHaveCount(0);
  await expectNoAxeViolations(customer);
  await customer.close();

  await page.getByRole('button', { name: 'Reprendre le recouvrement' }).click();
  await expect(page.getByRole('status').first()).toHaveText(
    'Recouvrement repris : la facture est de nouveau à encaisser.',
  );
  await expect(page.getByRole('region', { name: 'Passer en perte' })).toBeVisible();
  await expectNoAxeViolations(page);
});
