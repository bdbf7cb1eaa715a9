import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every level and no whitespace: the same value always gives the same text, whether
 * it comes from the code or back from a jsonb column (which reorders keys).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The fingerprint of a signature: SHA-256 (hex) over the UTF-8 letter text, a line feed, and the canonical JSON of
 * the invoice snapshot. Anyone holding the stored text and snapshot can recompute it (the PDF says how).
 */
export function acceptanceDigest(letterText: string, snapshot: unknown): string {
  return sha256Hex(`${letterText}\n${canonicalJson(snapshot)}`);
}
