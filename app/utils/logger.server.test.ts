import { describe, expect, test } from 'vitest';
import { redactPath } from './logger.server';

describe('redactPath', () => {
  test('every path that carries a bearer token is logged without it', () => {
    expect(redactPath('/i/abc123/pdf')).toBe('/i/[token]/pdf');
    expect(redactPath('/s/abc123/invoice/x')).toBe('/s/[token]/invoice/x');
    // Found by the security suite: invitation and reset links were logged whole.
    expect(redactPath('/admin/invite/abc123')).toBe('/admin/invite/[token]');
    expect(redactPath('/admin/reset-password/abc123')).toBe('/admin/reset-password/[token]');
    expect(redactPath('/admin/invoices/abc123')).toBe('/admin/invoices/abc123');
    const id = 'b2ec90fe-aaa5-4e95-8390-8c856b6c34fc';
    expect(redactPath(`/admin/invoices/${id}`)).toBe(`/admin/invoices/${id}`);
    expect(redactPath('/x?token=abc&t=def')).toBe('/x?token=[redacted]&t=[redacted]');
    // Wherever the segment sits, and whatever shape the path has.
    expect(redactPath('//i/abc123')).toBe('//i/[token]');
    expect(redactPath('/i//abc123/pdf')).toBe('/i/[token]/pdf');
    expect(redactPath('/x/i/abc123')).toBe('/x/i/[token]');
    const token = 'WeRNpyPF6GTSekNOZYH0v928KMGUtmlBIafYjVCkS-U';
    expect(redactPath(`/anything/${token}.data`)).toBe('/anything/[redacted].data');
  });
});
