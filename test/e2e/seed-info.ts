import { readFileSync } from 'node:fs';
import path from 'node:path';

export const E2E_PORT = Number(process.env.E2E_PORT || 3100);
export const SEED_INFO_FILE = path.resolve('test/.tmp/e2e.json');

export type SeedInfo = {
  appUrl: string;
  /** The e2e database, for specs that arrange data with the factories or check rows. */
  databaseUrl: string;
  /** The Stripe fake the app talks to: `apiUrl` for routeStripe, `controlUrl` for stripeControl (stripe-control.ts). */
  stripe: { apiUrl: string; controlUrl: string };
  admin: { url: string; email: string; password: string } | null;
  /** Fresh links to the demo's showcase invoices, labelled like "2026-000017, 5 days late". */
  debtorLinks: { url: string; label: string }[];
};

/** What test/e2e/server.ts seeded: the admin login and debtor links (read it in a spec, not at config time). */
export function seedInfo(): SeedInfo {
  return JSON.parse(readFileSync(SEED_INFO_FILE, 'utf8')) as SeedInfo;
}
