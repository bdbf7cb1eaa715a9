/**
 * Issue 5 in Chromium: the customer signs the acceptance letter from the keyboard alone and downloads it, raises a
 * dispute on one line, the business replies and rejects it (the signed letter attached), and the customer reads the
 * answer. axe runs on every new page. The invoice is arranged fresh on the seeded business, so no spec shares it.
 */
import { expect, test } from '@playwright/test';
import { eq } from 'drizzle-orm';
import { users } from '#db/schema/index';
import { closeDb, db } from '~/utils/db.server';
import { createInvoiceToAccept } from '../support/acceptance';
import { expectNoAxeViolations } from './axe';
import { logIn } from './admin-login';
import { seedInfo } from './seed-info';

const info = seedInfo();
process.env.DATABASE_URL = info.databaseUrl;
process.env.APP_URL = info.appUrl;
test.afterAll(() => closeDb());

test('sign by keyboard, dispute a line, the business rejects with the letter, the customer reads it', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const [admin] = await db().select().from(users).where(eq(users.email, info.admin!.email));
  const invoice = await createInvoiceToAccept({ businessId: admin!.businessId });
  const debtorPage = `/i/${invoice.token}`;

  // The debtor page offers the letter; the letter page reads plainly and passes axe.
  await page.goto(debtorPage);
  await expect(page.getByText('Procès-verbal de réception à signer.')).toBeVisible();
  await page.getByRole('link', { name: 'Lire et signer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Procès-verbal de réception');
  await expect(page.getByText('BC-2026-042')).toBeVisible();
  await expectNoAxeViolations(page);

  // Keyboard only: type the name, Tab to the role, past the (optional) drawing, tick the box, submit.
  await page.getByLabel('Nom et prénom').focus();
  await page.keyboard.type('Julie Petit');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Fonction')).toBeFocused();
  await page.keyboard.type('Gérante');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Effacer le dessin' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('checkbox')).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Signer le procès-verbal' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toHaveText('Procès-verbal signé');
  await expect(page.getByText('par Julie Petit (Gérante)')).toBeVisible();
  await expectNoAxeViolations(page);

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Télécharger le procès-verbal signé (PDF)' }).focus();
  await page.keyboard.press('Enter');
  const file = await download;
  expect(file.suggestedFilename()).toBe(`proces-verbal-reception-${invoice.number}.pdf`);

  // A dispute on one line.
  await page.goto(debtorPage);
  await page.getByRole('link', { name: 'Un problème avec cette facture ? Signalez-le' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Un problème avec la facture');
  await expectNoAxeViolations(page);
  await page.getByLabel('Certaines lignes seulement').check();
  await page.getByLabel(/^Impression flyers A5/).check();
  await page.getByLabel('Déjà payé').check();
  await page
    .getByLabel('Votre message')
    .fill('Les flyers ont été réglés à part, en espèces, à la livraison.');
  await page.getByRole('button', { name: 'Envoyer la contestation' }).click();
  await expect(page.getByText('Votre contestation est envoyée.')).toBeVisible();
  await expect(page.getByText(/En attente de la réponse de/)).toBeVisible();
  await expectNoAxeViolations(page);

  // The business finds it in the inbox, with the signed letter beside it, replies and rejects it.
  const adminContext = await browser.newContext({ locale: 'fr-FR' });
  const adminPage = await adminContext.newPage();
  await logIn(adminPage);
  await adminPage
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Contestations' })
    .click();
  await expect(adminPage.getByRole('heading', { name: 'Contestations', level: 1 })).toBeVisible();
  await expectNoAxeViolations(adminPage);
  const row = adminPage.getByRole('listitem').filter({ hasText: invoice.number });
  await expect(row.getByText(/Signé le/)).toBeVisible();
  await row.getByRole('link', { name: new RegExp(invoice.number) }).click();
  await expect(adminPage.getByRole('heading', { level: 1 })).toContainText(invoice.number);
  await expect(adminPage.getByText('Les flyers ont été réglés à part')).toBeVisible();
  await expectNoAxeViolations(adminPage);
  await adminPage
    .locator('#dispute-reply-body')
    .fill('Nous ne trouvons pas ce règlement : avez-vous un reçu ?');
  await adminPage.getByRole('button', { name: 'Envoyer la réponse' }).click();
  await expect(adminPage.getByText('Réponse envoyée au client.')).toBeVisible();
  await adminPage
    .locator('#dispute-reject-body')
    .fill('Sans reçu, nous maintenons la facture. Le procès-verbal signé est joint.');
  await adminPage.getByLabel('Joindre le procès-verbal de réception signé (PDF)').check();
  await adminPage.getByRole('button', { name: 'Rejeter la contestation' }).click();
  await expect(
    adminPage.getByText('Contestation rejetée : les relances reprennent pour ce montant.'),
  ).toBeVisible();
  await expectNoAxeViolations(adminPage);

  // The letter templates page too.
  await adminPage
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Réglages' })
    .click();
  await adminPage.getByRole('link', { name: 'Modèles de procès-verbal de réception' }).click();
  await expect(
    adminPage.getByRole('heading', { name: 'Procès-verbaux de réception', level: 1 }),
  ).toBeVisible();
  await expectNoAxeViolations(adminPage);
  await adminContext.close();

  // The customer sees the answer, and the letter it cites.
  await page.reload();
  await expect(page.getByText('Contestation non retenue').first()).toBeVisible();
  await expect(page.getByText('Nous ne trouvons pas ce règlement : avez-vous un reçu ?')).toBeVisible();
  await expect(page.getByText('Sans reçu, nous maintenons la facture.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Procès-verbal de réception signé (PDF)' })).toBeVisible();
  await expectNoAxeViolations(page);
});
