import { describe, expect, test } from 'vitest';
import { EnvError, parseEnv } from './env.server';

describe('environment', () => {
  test('development needs nothing set', () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.APP_URL).toBe('http://localhost:3000');
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  test('a bad variable is named, with the reason', () => {
    expect(() => parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x' })).toThrow(EnvError);
    try {
      parseEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', STRIPE_SECRET_KEY: 'pk_live_oops' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/PORT: /);
      expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ URL/);
      expect(message).toMatch(/STRIPE_SECRET_KEY: must start with sk_test_ or sk_live_/);
      expect(message).not.toContain('pk_live_oops');
    }
  });

  test('production requires its secrets and public address', () => {
    expect(() => parseEnv({ NODE_ENV: 'production' })).toThrow(
      /SESSION_SECRET: is required in production[\s\S]*APP_URL: is required/,
    );
    expect(() =>
      parseEnv({ NODE_ENV: 'production', SESSION_SECRET: 'short', APP_URL: 'https://pay.example.com' }),
    ).toThrow(/SESSION_SECRET: must be at least 32 characters/);
    const env = parseEnv({
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(40),
      APP_URL: 'https://pay.example.com/',
    });
    expect(env.APP_URL).toBe('https://pay.example.com');
  });
});

describe('RESEND_WEBHOOK_SECRET', () => {
  test('takes one whsec_ secret, or two comma-separated while rotating; anything else is refused unechoed', () => {
    expect(
      parseEnv({ RESEND_WEBHOOK_SECRET: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }).RESEND_WEBHOOK_SECRET,
    ).toBe('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
    expect(parseEnv({ RESEND_WEBHOOK_SECRET: 'whsec_YWJj, whsec_ZGVmZw==' }).RESEND_WEBHOOK_SECRET).toBe(
      'whsec_YWJj, whsec_ZGVmZw==',
    );
    expect(parseEnv({ RESEND_WEBHOOK_SECRET: '' }).RESEND_WEBHOOK_SECRET).toBeUndefined();
    for (const bad of ['re_123', 'whsec_', 'whsec_abc,', 'whsec_a b']) {
      expect(() => parseEnv({ RESEND_WEBHOOK_SECRET: bad })).toThrow(/RESEND_WEBHOOK_SECRET: must be whsec_/);
    }
    const error = (() => {
      try {
        parseEnv({ RESEND_WEBHOOK_SECRET: 'sk_leaky_value' });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error).toBeInstanceOf(EnvError);
    expect(error?.message).not.toContain('sk_leaky_value');
  });
});
