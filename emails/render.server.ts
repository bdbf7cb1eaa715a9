import { render } from '@react-email/render';
import type { ReactElement } from 'react';

/** Both parts of a multipart email from one template: HTML for clients that show it, plain text for the rest. */
export async function renderEmail(element: ReactElement): Promise<{ html: string; text: string }> {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}
