import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { logIn } from './admin-login';
import { expectNoAxeViolations } from './axe';
import { seedInfo } from './seed-info';

/** Intl puts narrow no-break spaces in French amounts. */
const frAmount = (text: string) => new RegExp(text.replace(/ /g, '[\\s\\u00a0\\u202f]').replace(/,/g, ','));

async function fillLine(
  page: Page,
  index: number,
  line: { description: string; quantity: string; unitPrice: string; taxRate: string },
) {
  const fieldset = page.getByRole('group', { name: `Ligne ${index + 1}` });
  await fieldset.getByLabel('Description').fill(line.description);
  await fieldset.getByLabel('Quantité').fill(line.quantity);
  await fieldset.getByLabel(/Prix unitaire HT/).fill(line.unitPrice);
  await fieldset.getByLabel('TVA').selectOption(line.taxRate);
}

test('an admin creates an invoice, issues it, and the customer opens it from the email', async ({ page }) => {
  test.setTimeout(90_000);
  const { admin } = seedInfo();
  expect(admin).not.toBeNull();

  // Log in with the keyboard only.
  await page.goto('/admin/login');
  await expect(page.getByRole('heading', { name: 'Connexion à votre espace' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expect(page.getByLabel('Adresse e-mail')).toBeFocused();
  await page.keyboard.type(admin!.email);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Mot de passe')).toBeFocused();
  await page.keyboard.type(admin!.password);
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(/\/admin\/invoices$/);
  await expect(page.getByRole('heading', { name: 'Factures', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  // The first Tab shows a skip link that jumps past the header.
  await page.reload();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Aller au contenu' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();

  // A three-line invoice for a seeded customer.
  await page.getByRole('link', { name: 'Nouvelle facture' }).click();
  await expect(page.getByRole('heading', { name: 'Nouvelle facture', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Boulangerie Petit' });
  await fillLine(page, 0, {
    description: 'Table en chêne massif',
    quantity: '2',
    unitPrice: '450',
    taxRate: '20',
  });
  await page.getByRole('button', { name: /Ajouter une ligne/ }).click();
  await expect(page.getByRole('group', { name: 'Ligne 2' })).toBeVisible();
  await fillLine(page, 1, {
    description: 'Livraison et installation',
    quantity: '1',
    unitPrice: '80',
    taxRate: '20',
  });
  await page.getByRole('button', { name: /Ajouter une ligne/ }).click();
  await expect(page.getByRole('group', { name: 'Ligne 3' })).toBeVisible();
  await fillLine(page, 2, {
    description: 'Vernis naturel',
    quantity: '3,5',
    unitPrice: '12,50',
    taxRate: '5.5',
  });
  // The preview adds up as we type: 980 € at 20 % and 43,75 € at 5,5 %.
  await expect(page.getByText(frAmount('1 222,16 €'))).toBeVisible();

  // A mistake first: the page says what is wrong, beside the field.
  await page.getByLabel('Date d’échéance').fill('2020-01-01');
  await page.getByRole('button', { name: 'Créer le brouillon' }).click();
  await expect(page.getByText('L’échéance ne peut pas précéder la date d’émission.')).toBeVisible();
  await expect(page.getByLabel('Date d’échéance')).toHaveAttribute('aria-invalid', 'true');
  await expectNoAxeViolations(page);
  const issueDate = await page.getByLabel('Date d’émission').inputValue();
  const [y, m, d] = issueDate.split('-').map(Number);
  const due = new Date(Date.UTC(y!, m! - 1, d! + 30)).toISOString().slice(0, 10);
  await page.getByLabel('Date d’échéance').fill(due);
  await page.getByRole('button', { name: 'Créer le brouillon' }).click();

  // The draft, then issue it.
  await expect(page.getByRole('heading', { name: 'Brouillon de facture', level: 1 })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Vernis naturel' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Émettre la facture' }).click();
  const heading = page.getByRole('heading', { level: 1, name: /^Facture \d{4}-\d{6}$/ });
  await expect(heading).toBeVisible();
  const number = (await heading.textContent())!.replace('Facture ', '');
  await expect(page.getByText(`Facture ${number} émise et envoyée au client.`)).toBeVisible();
  const shownOnce = await page.getByRole('textbox', { name: 'Lien à transmettre au client' }).inputValue();
  expect(shownOnce).toMatch(/\/i\/[A-Za-z0-9_-]{43}$/);
  await expectNoAxeViolations(page);

  // The outbox has the email; open it.
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'E-mails envoyés' })
    .click();
  await expect(page.getByRole('heading', { name: 'E-mails envoyés', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await page
    .getByRole('link', { name: new RegExp(`Facture ${number}`) })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Facture ${number}`) })).toBeVisible();
  await expect(page.getByText('julie@boulangerie-petit.fr').first()).toBeVisible();
  await expect(page.getByText('compta@boulangerie-petit.fr').first()).toBeVisible();
  // The sandboxed frame runs no script, so axe cannot run inside it (the email's HTML is the template's concern).
  await expectNoAxeViolations(page, { exclude: ['iframe[sandbox]'] });

  // The rendered email, in its sandboxed frame, carries the same link as the text part.
  const frame = page.frameLocator('iframe[title^="Aperçu de l’e-mail"]');
  const button = frame.getByRole('link', { name: 'Voir et régler la facture' });
  await expect(button).toBeVisible();
  const href = await page.locator('pre a[href*="/i/"]').first().getAttribute('href');
  expect(href).toBe(shownOnce);
  expect(await button.getAttribute('href')).toBe(href);

  // The customer's page: three lines and the right total.
  await page.goto(href!);
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Facture ${number}`) })).toBeVisible();
  const table = page
    .locator('table')
    .filter({ has: page.getByRole('columnheader', { name: 'Description' }) });
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expect(table.getByRole('cell', { name: 'Livraison et installation' })).toBeVisible();
  await expect(page.getByText(frAmount('1 222,16 €')).first()).toBeVisible();
  await expectNoAxeViolations(page);

  // In English.
  await page.getByRole('link', { name: 'Read this page in English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(`Invoice ${number}`) })).toBeVisible();
  await expect(page.getByText('€1,222.16').first()).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(3);
  await expectNoAxeViolations(page);

  // The PDF.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download the invoice (PDF)' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('choosing the VAT franchise sets every line to 0 % and the invoice carries the legal mention', async ({
  page,
}) => {
  await logIn(page);
  await page.goto('/admin/invoices/new');
  await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Boulangerie Petit' });
  await fillLine(page, 0, {
    description: 'Conseil en agencement',
    quantity: '1',
    unitPrice: '850',
    taxRate: '20',
  });
  await page.getByRole('button', { name: /Ajouter une ligne/ }).click();
  await expect(page.getByRole('group', { name: 'Ligne 2' })).toBeVisible();
  await fillLine(page, 1, { description: 'Déplacement', quantity: '1', unitPrice: '60', taxRate: '10' });

  // Picking the franchise puts both lines, typed at 20 % and 10 %, at 0 %; what was typed stays.
  const mention = page.getByLabel('Mention TVA');
  await mention.focus();
  await mention.selectOption('franchise');
  for (const n of [1, 2]) {
    await expect(page.getByRole('group', { name: `Ligne ${n}` }).getByLabel('TVA')).toHaveValue('0');
  }
  await expect(page.getByRole('group', { name: 'Ligne 1' }).getByLabel('Description')).toHaveValue(
    'Conseil en agencement',
  );
  await expect(page.getByText(frAmount('910,00 €')).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Créer le brouillon' }).click();

  await expect(page).toHaveURL(/\/admin\/invoices\/[0-9a-f-]{36}/);
  await expect(page.getByText('TVA non applicable, art. 293 B du CGI')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a customer’s own terms and currency both carry to a new invoice', async ({ page }) => {
  await logIn(page);
  await page.goto('/admin/customers/new');
  await page.getByLabel(/^Nom/).first().fill('Harbor Supplies Inc.');
  await page.getByLabel(/Pays/).fill('US');
  await page.getByLabel(/Devise/).selectOption('USD');
  await page.getByLabel(/Délai de paiement/).fill('45');
  await page.getByRole('button', { name: /Créer|Enregistrer/ }).click();
  await expect(page).toHaveURL(/\/admin\/customers\/[0-9a-f-]{36}/);

  await page.goto('/admin/invoices/new');
  await expect(page.getByRole('heading', { name: 'Nouvelle facture', level: 1 })).toBeVisible();
  const issued = await page.getByLabel('Date d’émission').inputValue();
  await page.getByLabel('Client', { exact: true }).selectOption({ label: 'Harbor Supplies Inc.' });
  const due = new Date(`${issued}T00:00:00Z`);
  due.setUTCDate(due.getUTCDate() + 45);
  // Both, not only the last one set: the due date follows the customer's 45 days and the currency is theirs.
  await expect(page.getByLabel('Date d’échéance')).toHaveValue(due.toISOString().slice(0, 10));
  await expect(page.getByLabel('Devise')).toHaveValue('USD');
  await expect(page.getByLabel('Date d’échéance')).toHaveValue(due.toISOString().slice(0, 10));
});
