import { Resend } from 'resend';
import { describe, expect, test } from 'vitest';
import { newWebhookSecret, resendEvent, signResendWebhook } from '../../../test/fakes/resend';
import { svixSignature, verifySvixSignature, webhookSecrets } from './verify-resend-webhook.server';

const secret = newWebhookSecret();
const payload = resendEvent('email.delivered', { email_id: 're_123', to: ['julie@client.test'] });

const headersOf = (signed: { headers: Record<string, string> }) => ({
  id: signed.headers['svix-id'] ?? null,
  timestamp: signed.headers['svix-timestamp'] ?? null,
  signature: signed.headers['svix-signature'] ?? null,
});
const verify = (body: string, headers: ReturnType<typeof headersOf>, secrets = [secret]) =>
  verifySvixSignature(Buffer.from(body), headers, secrets);

describe('Svix signatures on Resend webhooks', () => {
  test("the test fake signs exactly as Resend's own SDK verifies (the reference implementation)", () => {
    const signed = signResendWebhook(payload, { secret });
    const sdk = new Resend('re_test_only').webhooks;
    const h = headersOf(signed);
    expect(
      sdk.verify({
        payload: signed.body,
        headers: { id: h.id!, timestamp: h.timestamp!, signature: h.signature! },
        webhookSecret: secret,
      }),
    ).toEqual(payload);
    expect(() =>
      sdk.verify({
        payload: signed.body,
        headers: { id: h.id!, timestamp: h.timestamp!, signature: h.signature! },
        webhookSecret: newWebhookSecret(),
      }),
    ).toThrow();
    // And our signer agrees with the fake byte for byte.
    expect(svixSignature(secret, h.id!, Number(h.timestamp), signed.body)).toBe(h.signature);
  });

  test('an authentic message gives back its Svix id', () => {
    const signed = signResendWebhook(payload, { secret, id: 'msg_2abcDEF' });
    expect(verify(signed.body, headersOf(signed))).toBe('msg_2abcDEF');
  });

  test('forged, tampered, re-serialised, re-labelled or header-less messages are refused', () => {
    const signed = signResendWebhook(payload, { secret });
    const h = headersOf(signed);
    const forged = signResendWebhook(payload, {
      secret: newWebhookSecret(),
      id: h.id!,
      timestamp: Number(h.timestamp),
    });
    expect(verify(signed.body, headersOf(forged))).toBeNull();
    expect(verify(signed.body.replace('re_123', 're_124'), h)).toBeNull();
    expect(verify(JSON.stringify(JSON.parse(signed.body), null, 1), h)).toBeNull();
    // The id and the timestamp are signed too.
    expect(verify(signed.body, { ...h, id: 'msg_other' })).toBeNull();
    expect(verify(signed.body, { ...h, timestamp: String(Number(h.timestamp) - 1) })).toBeNull();
    expect(verify(signed.body, { ...h, signature: h.signature!.replace('v1,', 'v2,') })).toBeNull();
    expect(verify(signed.body, { ...h, signature: 'v1,' })).toBeNull();
    expect(verify(signed.body, { ...h, signature: 'garbage' })).toBeNull();
    for (const missing of ['id', 'timestamp', 'signature'] as const) {
      expect(verify(signed.body, { ...h, [missing]: null })).toBeNull();
    }
    expect(verify(signed.body, { ...h, timestamp: '12abc' })).toBeNull();
    expect(verify(signed.body, h, [])).toBeNull();
  });

  test('five minutes either way is the limit (replays and clock games)', () => {
    const now = Math.floor(Date.now() / 1000);
    const at = (offset: number) => signResendWebhook(payload, { secret, timestamp: now + offset });
    // A few seconds inside and outside the limit, so the test's own running time cannot flip a case.
    for (const offset of [-295, 0, 295])
      expect(verify(at(offset).body, headersOf(at(offset)))).not.toBeNull();
    for (const offset of [-305, 305, -86_400]) {
      const signed = at(offset);
      expect(verify(signed.body, headersOf(signed))).toBeNull();
    }
  });

  test('during a rotation either secret works, and any of several space-separated signatures may match', () => {
    const previous = newWebhookSecret();
    const secrets = webhookSecrets(` ${secret} , ${previous},`);
    expect(secrets).toEqual([secret, previous]);
    const old = signResendWebhook(payload, { secret: previous });
    expect(verify(old.body, headersOf(old), secrets)).toBe(old.id);
    expect(verify(old.body, headersOf(old), [secret])).toBeNull();
    const h = headersOf(old);
    const both = {
      ...h,
      signature: `v1,bm90IGl0 ${svixSignature(secret, h.id!, Number(h.timestamp), old.body)}`,
    };
    expect(verify(old.body, both, [secret])).toBe(old.id);
    expect(webhookSecrets(undefined)).toEqual([]);
  });
});
