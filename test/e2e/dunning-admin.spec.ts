/**
 * The admin side of reminders, in Chromium: edit a step of the default ladder and watch the live preview follow,
 * then log a call's outcome with a promised date (which pauses the ladder). The call task is arranged the way the
 * sweep makes one, on a fresh overdue invoice of the seeded business, so no other spec shares it.
 */
import { expect, test, type Page } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { contacts, promises, tasks, users } from '#db/schema/index';
import { addDaysIso, todayIn } from '~/utils/dates';
import { closeDb, db } from '~/utils/db.server';
import { createOverdueInvoice, type IssuedInvoice } from '../factories';
import { expectNoAxeViolations } from './axe';
import { logIn } from './admin-login';
import { seedInfo } from './seed-info';

const info = seedInfo();
process.env.DATABASE_URL = info.databaseUrl;
process.env.APP_URL = info.appUrl;
test.afterAll(() => closeDb());

/** The sandboxed preview frame runs no script, so axe cannot run inside it (the email is the template's concern). */
const axe = (page: Page) => expectNoAxeViolations(page, { exclude: ['iframe[sandbox]'] });

async function arrangeCallTask(): Promise<{ invoice: IssuedInvoice; title: string }> {
  const [admin] = await db().select().from(users).where(eq(users.email, info.admin!.email));
  const invoice = await createOverdueInvoice(16, { businessId: admin!.businessId });
  await db()
    .update(contacts)
    .set({ phone: '+33 6 98 76 54 32' })
    .where(and(eq(contacts.customerId, invoice.customerId), eq(contacts.name, 'Julie Billing')));
  const title = `Appeler le client : facture ${invoice.number}, 16 jours de retard`;
  await db()
    .insert(tasks)
    .values({
      businessId: invoice.businessId,
      invoiceId: invoice.invoiceId,
      customerId: invoice.customerId,
      kind: 'call',
      title,
      dueOn: todayIn('Europe/Paris'),
      dedupeKey: `e2e-call:${invoice.invoiceId}`,
    });
  return { invoice, title };
}

test('an admin edits a step with a live preview, then logs a call with a promised date', async ({ page }) => {
  test.setTimeout(90_000);
  const { invoice, title } = await arrangeCallTask();
  await logIn(page);
  const nav = page.getByRole('navigation', { name: 'Navigation principale' });

  // Dunning: the default ladder.
  await nav.getByRole('link', { name: 'Réglages' }).click();
  await page.getByRole('link', { name: 'Politiques de relance' }).click();
  await expect(page.getByRole('heading', { name: 'Relances', level: 1 })).toBeVisible();
  await axe(page);
  await page.getByRole('link', { name: 'Standard' }).first().click();
  await expect(page.getByRole('heading', { name: 'Standard', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Modifier l’étape : 7 jours après l’échéance' }).click();
  await expect(page.getByRole('heading', { name: 'Étape : 7 jours après l’échéance' })).toBeVisible();
  await axe(page);

  // The preview shows the saved step on the most overdue invoice; typing changes it.
  const frame = page.frameLocator('iframe[name="step-preview"]');
  await expect(frame.getByText(/^Relance : facture \d{4}-\d{6} en retard de 7 jours$/)).toBeVisible();
  const french = page.getByRole('group', { name: 'En français' });
  await french
    .getByLabel('Objet')
    .fill('Dernier rappel amical : facture {{invoice_number}} ({{amount_due}})');
  await expect(frame.getByText(/^Dernier rappel amical : facture \d{4}-\d{6} \(.+€\)$/)).toBeVisible();

  // In English, on the invoice of the call, from the keyboard.
  await page.getByLabel('Langue').selectOption('en');
  await expect(frame.getByText(/^Reminder: invoice \d{4}-\d{6} is 7 days late$/)).toBeVisible();
  await page.getByLabel('Facture', { exact: true }).selectOption(invoice.invoiceId);
  await expect(frame.getByText(`Reminder: invoice ${invoice.number} is 7 days late`)).toBeVisible();
  await page.getByLabel('Langue').selectOption('fr');
  await french.getByLabel('Objet').focus();
  await page.keyboard.type(' !');
  for (let i = 0; i < 12; i++) {
    if (await page.getByRole('button', { name: 'Aperçu' }).evaluate((el) => el === document.activeElement))
      break;
    await page.keyboard.press('Tab');
  }
  await expect(page.getByRole('button', { name: 'Aperçu' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    frame.getByText(new RegExp(`^Dernier rappel amical : facture ${invoice.number} \\(.+€\\) !$`)),
  ).toBeVisible();

  // A mistake is reported beside the field, then saved for real.
  await french.getByLabel('Message').fill('Bonjour {{client}},');
  await page.getByRole('button', { name: 'Enregistrer l’étape' }).click();
  await expect(french.getByText(/^« \{\{client\}\} » n’est pas une variable connue/)).toBeVisible();
  await expect(french.getByLabel('Message')).toHaveAttribute('aria-invalid', 'true');
  await axe(page);
  await french
    .getByLabel('Message')
    .fill('Bonjour {{customer_name}},\n\nMerci de régler {{amount_due}} sans attendre.');
  await page.getByRole('button', { name: 'Enregistrer l’étape' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Étape enregistrée.' })).toBeVisible();
  await expect(
    page.getByText('Dernier rappel amical : facture {{invoice_number}} ({{amount_due}}) !'),
  ).toBeVisible();
  await axe(page);

  // A new step, from an empty form.
  await page.getByRole('link', { name: 'Ajouter une étape' }).click();
  await expect(page.getByRole('heading', { name: 'Nouvelle étape' })).toBeVisible();
  await axe(page);

  // Tasks: the call.
  await nav.getByRole('link', { name: 'Tâches' }).click();
  await expect(page.getByRole('heading', { name: 'Tâches', level: 1 })).toBeVisible();
  await axe(page);
  await page.getByRole('link', { name: title }).first().click();
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Appeler Julie Billing au +33 6 98 76 54 32' }),
  ).toHaveAttribute('href', 'tel:+33698765432');
  await expect(page.getByText('Demandez pourquoi elle n’est pas encore réglée')).toBeVisible();
  await axe(page);

  const promised = addDaysIso(todayIn('Europe/Paris'), 7);
  await page.getByLabel('Oui').focus();
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Oui')).toBeChecked();
  await page.getByLabel(/Date de paiement promise/).fill(promised);
  await page.getByLabel(/Pourquoi ce retard/).selectOption('cash_flow');
  await page.getByLabel(/Notes/).fill('Julie attend une rentrée client, paiement par virement.');
  await page.getByLabel(/Notes/).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Enregistrer le résultat' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: /Appel enregistré : paiement promis pour le/ }),
  ).toBeVisible();
  await expect(page.getByText('Paiement promis', { exact: true })).toBeVisible();
  await axe(page);

  const [promise] = await db().select().from(promises).where(eq(promises.invoiceId, invoice.invoiceId));
  expect(promise).toMatchObject({
    status: 'active',
    source: 'staff',
    promisedDate: promised,
    reason: 'cash_flow',
  });

  // Customers: the override lives on the customer's page.
  await nav.getByRole('link', { name: 'Clients' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await axe(page);
  await page.getByRole('link', { name: 'Garage Martin SAS' }).click();
  await expect(page.getByRole('heading', { name: 'Garage Martin SAS', level: 1 })).toBeVisible();
  await page.getByLabel('Acompte exigé').check();
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Réglages de recouvrement enregistrés.' }),
  ).toBeVisible();
  await axe(page);
});
