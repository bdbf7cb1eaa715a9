import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.2 AA, as DESIGN.md promises: every rule tagged for levels A and AA up to 2.2. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Fails with a readable list (rule, impact, help link, offending elements) when axe finds anything. */
export async function expectNoAxeViolations(
  page: Page,
  options: { exclude?: string[]; disableRules?: string[] } = {},
) {
  let builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
  const { violations } = await builder.analyze();
  const report = violations
    .map((v) => {
      const nodes = v.nodes
        .map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\n/g, ' ')}`)
        .join('\n');
      return `${v.id} (${v.impact}): ${v.help}\n  ${v.helpUrl}\n${nodes}`;
    })
    .join('\n\n');
  expect(violations, `accessibility violations on ${page.url()}:\n\n${report}`).toEqual([]);
}
