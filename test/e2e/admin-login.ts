import { expect, type Page } from '@playwright/test';
import { seedInfo } from './seed-info';

/** Logs the demo admin in (French, the default) and waits for the invoice list. */
export async function logIn(page: Page) {
  const { admin } = seedInfo();
  await page.goto('/admin/login');
  await page.getByLabel('Adresse e-mail').fill(admin!.email);
  await page.getByLabel('Mot de passe').fill(admin!.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin\/invoices$/);
}
