/**
 * Users and settings in Chromium: the owner invites a staff member from the settings hub, the invitee accepts the
 * link in another browser and sees the settings read-only; the owner's audit log shows it. axe runs on each page.
 */
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { closeDb } from '~/utils/db.server';
import { expectNoAxeViolations } from './axe';
import { seedInfo } from './seed-info';

const info = seedInfo();
process.env.DATABASE_URL = info.databaseUrl;
test.afterAll(() => closeDb());

test('the owner invites a user, who accepts and sees the settings read-only', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const email = `e2e-staff-${randomBytes(4).toString('hex')}@example.test`;

  await page.goto('/admin/login');
  await page.getByLabel('Adresse e-mail').fill(info.admin!.email);
  await page.getByLabel('Mot de passe').fill(info.admin!.password);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/admin\/invoices$/);

  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Réglages' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Réglages' })).toBeVisible();
  await expect(page.getByLabel('IBAN')).toBeEditable();
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Utilisateurs et invitations' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Utilisateurs' })).toBeVisible();
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Rôle').selectOption('staff');
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await expect(page.getByRole('status')).toContainText(`Invitation envoyée à ${email}`);
  const link = await page.getByRole('textbox', { name: 'Lien d’invitation' }).inputValue();
  expect(link).toMatch(/\/admin\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByText(email, { exact: false }).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // The invitee, in a browser of their own.
  const invitee = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const staff = await invitee.newPage();
  await staff.goto(new URL(link).pathname);
  await expect(staff.getByText(email)).toBeVisible();
  await expectNoAxeViolations(staff);
  await staff.getByLabel('Votre nom').fill('Étienne Staff');
  await staff.getByLabel('Nouveau mot de passe').fill('une phrase de passe assez longue');
  await staff.getByLabel('Confirmez le mot de passe').fill('une phrase de passe pas pareille');
  await staff.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(staff.getByText('Les deux mots de passe ne sont pas identiques.')).toBeVisible();
  // Rendered by the browser this time: the password rule it states comes from the same constant as the server's.
  await expect(staff.getByText('Au moins 12 caractères.', { exact: false })).toBeVisible();
  await expect(staff.getByLabel('Nouveau mot de passe')).toHaveAttribute('minlength', '12');
  await expectNoAxeViolations(staff);
  await staff.getByLabel('Nouveau mot de passe').fill('une phrase de passe assez longue');
  await staff.getByLabel('Confirmez le mot de passe').fill('une phrase de passe assez longue');
  await staff.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(staff).toHaveURL(/\/admin\/invoices$/);
  await expect(staff.getByText('Étienne Staff')).toBeVisible();

  await staff.goto('/admin/settings');
  await expect(staff.getByText('Vous consultez les réglages en lecture seule')).toBeVisible();
  await expect(staff.getByLabel('IBAN')).toBeDisabled();
  await expect(staff.getByRole('button', { name: 'Enregistrer les réglages' })).toHaveCount(0);
  await expectNoAxeViolations(staff);
  await staff.getByRole('link', { name: 'Mes sessions' }).click();
  await expect(staff.getByText('Cette session')).toBeVisible();
  await expectNoAxeViolations(staff);
  await invitee.close();

  // The owner's audit log names the invitation and its acceptance.
  await page.goto('/admin/settings/audit');
  await expect(page.getByRole('cell', { name: 'Utilisateur invité' }).first()).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Invitation acceptée' }).first()).toBeVisible();
  await expectNoAxeViolations(page);
});

test('the forgotten-password page answers the same for any address', async ({ page }) => {
  await page.goto('/admin/login');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Adresse e-mail').fill(`nobody-${randomBytes(4).toString('hex')}@example.test`);
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(page.getByRole('status')).toContainText('Si un compte existe avec cette adresse');
  await expectNoAxeViolations(page);
});
