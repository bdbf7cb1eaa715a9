import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { emails } from '#db/schema/index';
import { createIssuedInvoice } from '../../test/factories';
import { startResendFake, type ResendFake } from '../../test/fakes/resend';
import { db } from '~/utils/db.server';

let resend: ResendFake;
let worker: ChildProcess | undefined;

/** The real worker process (production build) with Resend pointed at the local fake. */
function startWorker(): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = fork(path.resolve('build/server/worker.js'), [], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        RESEND_API_KEY: 're_test_key',
        RESEND_BASE_URL: resend.url,
        LOG_LEVEL: 'info',
        APP_URL: 'https://pay.example.com',
        SESSION_SECRET: 'x'.repeat(40),
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('worker started')) resolve(child);
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`worker exited ${code}: ${out}`)));
  });
}

async function waitFor<T>(read: () => Promise<T>, done: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Emails queued while Resend is configured (the test process itself has no key, so it queues to the outbox). */
async function queueFor(invoiceId: string) {
  await db().update(emails).set({ status: 'queued' }).where(eq(emails.invoiceId, invoiceId));
  await db().execute(sql`SELECT pg_notify('acquit_email', '')`);
}

const emailOf = async (invoiceId: string) =>
  (await db().select().from(emails).where(eq(emails.invoiceId, invoiceId)))[0]!;

beforeEach(async () => {
  resend = await startResendFake();
});
afterEach(async () => {
  worker?.kill('SIGTERM');
  await new Promise((r) => worker?.once('exit', r) ?? r(null));
  worker = undefined;
  await resend.stop();
});

describe('the worker delivers the outbox through Resend', () => {
  test('a queued email is sent once, with the email id as idempotency key, and our copy loses the token', async () => {
    const invoice = await createIssuedInvoice();
    worker = await startWorker();
    await queueFor(invoice.invoiceId);
    const sent = await waitFor(
      () => emailOf(invoice.invoiceId),
      (e) => e.status === 'sent',
    );
    expect(sent.status).toBe('sent');
    expect(resend.emails).toHaveLength(1);
    const [delivered] = resend.emails;
    expect(delivered!.idempotencyKey).toBe(`email-${sent.id}`);
    expect(delivered!.body.to).toEqual(sent.to);
    expect(String(delivered!.body.html)).toContain(invoice.token);
    expect(sent.providerId).toBe(delivered!.id);
    expect(sent.html).not.toContain(invoice.token);
    expect(sent.text).toContain('/i/[link]');
  });

  test('a provider failure is recorded and the email goes out on the next run, once', async () => {
    const invoice = await createIssuedInvoice();
    resend.failNext(1);
    worker = await startWorker();
    await queueFor(invoice.invoiceId);
    const failed = await waitFor(
      () => emailOf(invoice.invoiceId),
      (e) => e.attempts.length === 1,
    );
    expect(failed.attempts[0]?.error).toBeTruthy();
    // The next run (a wake-up that came during the failed run may already have started it) sends it, once.
    await db().execute(sql`SELECT pg_notify('acquit_email', '')`);
    const sent = await waitFor(
      () => emailOf(invoice.invoiceId),
      (e) => e.status === 'sent',
    );
    expect(sent.status).toBe('sent');
    expect(sent.attempts).toHaveLength(1);
    expect(resend.emails).toHaveLength(1);
  });
});

describe('SIGTERM', () => {
  test('the worker finishes the send it is in the middle of, records it, then exits 0', async () => {
    const invoice = await createIssuedInvoice();
    resend.holdNext(1500);
    const child = await startWorker();
    await queueFor(invoice.invoiceId);
    await waitFor(
      async () => resend.requests,
      (n) => n === 1,
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const signalled = Date.now();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    // It waited for Resend's answer rather than dropping the job mid-send...
    expect(Date.now() - signalled).toBeGreaterThan(1000);
    // ...and wrote down what Resend said, so no later worker sends it again.
    const sent = await emailOf(invoice.invoiceId);
    expect(sent.status).toBe('sent');
    expect(sent.providerId).toBe(resend.emails[0]!.id);
    expect(resend.emails).toHaveLength(1);
  });
});
