import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './axe';

test('the admin login page loads and is accessible', async ({ page }) => {
  const response = await page.goto('/admin/login');
  expect(response?.status()).toBe(200);
  await expect(page.locator('input[name="email"]')).toBeVisible();
  await expect(page.locator('input[name="password"]')).toBeVisible();
  await expectNoAxeViolations(page);
});
