/**
 * One production server per security suite, wired to the Stripe fake (so payment forms validate instead of saying
 * "unavailable"), trusting X-Forwarded-For so each request can come from its own address (the per-IP rate limits
 * stay out of the way except where a suite aims at them), logging every request, plus the world it attacks.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { startStripeFake, type StripeFake } from '../fakes/stripe/server';
import { startApp, type RunningApp } from '../setup/app-server';
import { createClient, csrfFrom, type HttpClient } from '../setup/http';
import { loginAs } from '../support/admin-client';
import { createWorld, worldTokens, type World } from './world';

export const SECRETS = {
  STRIPE_SECRET_KEY: 'sk_test_security_4f9a2c71e0b3',
  STRIPE_PUBLISHABLE_KEY: 'pk_test_security',
  STRIPE_WEBHOOK_SECRET: 'whsec_security_current_8d1e',
  STRIPE_WEBHOOK_SECRET_PREVIOUS: 'whsec_security_previous_77aa',
  RESEND_WEBHOOK_SECRET: 'whsec_c2VjdXJpdHlyZXNlbmRzZWNyZXQ=',
  // test/setup/app-server.ts sets it for every server it starts.
  SESSION_SECRET: 'integration-session-secret-0123456789abcdef',
};

export type Harness = {
  app: RunningApp;
  fake: StripeFake;
  world: World;
  /** Signed in as business A's owner. */
  admin: HttpClient;
  adminCsrf: string;
  /** A debtor's browser holding a form token (debtor forms share the cookie-bound token). */
  debtor: HttpClient;
  debtorCsrf: string;
  /** Everything that must never be logged, besides what a suite adds. */
  secrets(): string[];
};

// CI runs the suites on one fixed seed, so a run there is reproducible (FC_SEED overrides it); locally each run
// explores new inputs, and a failure prints its seed and counterexample to replay.
if (process.env.CI || process.env.FC_SEED)
  fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261123) });

let ipCounter = 0;
/** A fresh client address per request, so rate limits per IP do not mask what the route itself answers. */
export function freshIp(): Record<string, string> {
  ipCounter += 1;
  return { 'x-forwarded-for': `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}` };
}

export async function startHarness(extraEnv: Record<string, string> = {}): Promise<Harness> {
  const fake = await startStripeFake();
  const app = await startApp({
    ...SECRETS,
    STRIPE_API_BASE: fake.url,
    TRUST_PROXY: '1',
    LOG_LEVEL: 'debug',
    ...extraEnv,
  });
  const world = await createWorld();
  const admin = await loginAs(app, world.a.owner);
  const page = await admin.get('/admin/invoices/new');
  const adminCsrf = csrfFrom(page.body);
  const debtor = createClient(app.url);
  const debtorCsrf = csrfFrom((await debtor.get(`/i/${world.a.open.token}`)).body);
  const extra: string[] = [];
  return {
    app,
    fake,
    world,
    admin,
    adminCsrf,
    debtor,
    debtorCsrf,
    secrets: () => [
      ...Object.entries(SECRETS)
        .filter(([k]) => k !== 'STRIPE_PUBLISHABLE_KEY')
        .map(([, v]) => v),
      ...worldTokens(world),
      ...[world.a, world.b].flatMap((s) => [s.owner.password, s.staff.password]),
      ...[admin, debtor].flatMap((c) => [...c.cookies.values()]),
      ...extra,
    ],
  };
}

/** No secret, token, cookie or password in anything the server printed; and the log is not empty. */
export function expectNoSecretsLogged(logs: string, secrets: string[]): void {
  expect(logs.length).toBeGreaterThan(0);
  const leaked = [...new Set(secrets)].filter((s) => s.length >= 8 && logs.includes(s));
  // The lines that hold one, so a failure says where it came from.
  const lines = logs.split('\n').filter((line) => leaked.some((s) => line.includes(s)));
  expect({ leaked, lines }).toEqual({ leaked: [], lines: [] });
}

export async function stopHarness(h: Harness | undefined): Promise<void> {
  await h?.app.stop();
  await h?.fake.stop();
}
