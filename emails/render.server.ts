import { render, toPlainText } from '@react-email/render';
import type { ReactElement } from 'react';

/**
 * Both parts of a multipart email from one template: HTML for clients that show it, plain text for the rest. The
 * text is derived from the HTML rather than rendered a second time (emails are rendered inside webhook handling).
 */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: toPlainText(html) };
}
