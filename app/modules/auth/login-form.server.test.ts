import { describe, expect, it } from 'vitest';
import { safeNext } from './login-form.server';

describe('safeNext', () => {
  it.each([
    ['/admin', '/admin'],
    ['/admin/invoices?status=open', '/admin/invoices?status=open'],
    ['/admin/outbox/abc#top', '/admin/outbox/abc#top'],
  ])('keeps %s', (next, expected) => expect(safeNext(next)).toBe(expected));

  it.each([
    null,
    '',
    '//evil.example',
    '//evil.example/admin',
    'https://evil.example/admin',
    '/\\evil.example',
    '/admin\\..\\..\\evil',
    '/administrator',
    '/admin/../i/token',
    '/admin/%2e%2e/i/token',
    'javascript:alert(1)',
    '/admin\n/x',
  ])('sends %j to the invoice list', (next) => expect(safeNext(next)).toBe('/admin/invoices'));
});
