import { expect } from 'vitest';
import type { RunningApp } from '../setup/app-server';
import { createClient, csrfFrom, type HttpClient } from '../setup/http';

/** A client signed in through the real login form (CSRF token, password, session cookie), like a browser. */
export async function loginAs(
  app: RunningApp,
  user: { email: string; password: string },
): Promise<HttpClient> {
  const client = createClient(app.url);
  const page = await client.get('/admin/login');
  const response = await client.postForm('/admin/login', {
    csrf: csrfFrom(page.body),
    email: user.email,
    password: user.password,
  });
  expect(response.status, response.body).toBe(302);
  return client;
}

/** GETs a page and returns its CSRF token (the admin layout puts one in every form). */
export async function csrfOf(client: HttpClient, path: string): Promise<string> {
  const page = await client.get(path);
  expect(page.status, page.body).toBe(200);
  return csrfFrom(page.body);
}

/** Text content of an HTML fragment, roughly: tags dropped, common entities decoded, spaces collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
