import { z } from 'zod';

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('127.0.0.1'),
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    STRIPE_SECRET_KEY: optional.pipe(
      z
        .string()
        .regex(/^(sk|rk)_(test|live)_/, 'must start with sk_test_ or sk_live_')
        .optional(),
    ),
    STRIPE_PUBLISHABLE_KEY: optional.pipe(
      z
        .string()
        .regex(/^pk_(test|live)_/, 'must start with pk_')
        .optional(),
    ),
    STRIPE_WEBHOOK_SECRET: optional,
    STRIPE_WEBHOOK_SECRET_PREVIOUS: optional,
    /** Points the Stripe SDK at another server (the local fake): http://127.0.0.1:12111 */
    STRIPE_API_BASE: optional.pipe(z.url().optional()),
    /** How long one Stripe API call may take before the SDK retries it (with the same idempotency key). */
    STRIPE_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(20_000),
    RESEND_API_KEY: optional,
    RESEND_BASE_URL: optional.pipe(z.url().optional()),
    /** Svix signing secret(s) of the Resend webhook; two, comma-separated, while rotating. */
    RESEND_WEBHOOK_SECRET: optional.pipe(
      z
        .string()
        .regex(
          /^whsec_[A-Za-z0-9+/]+={0,2}(\s*,\s*whsec_[A-Za-z0-9+/]+={0,2})*$/,
          'must be whsec_... (comma-separated while rotating)',
        )
        .optional(),
    ),
    EMAIL_FROM: optional,
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    TRUST_PROXY: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
    LINK_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
    /** 1: a web or worker process applies pending migrations itself at start; 0: it refuses to start until migrated. */
    MIGRATE_ON_START: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
    }
    if (!env.APP_URL) {
      ctx.addIssue({ code: 'custom', path: ['APP_URL'], message: 'is required in production' });
    }
  });

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string; APP_URL: string };

export class EnvError extends Error {}

/** Reads and checks the environment; the message names every bad variable and says why. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new EnvError(`Invalid environment variables:\n${lines.join('\n')}\nSee .env.example.`);
  }
  const env = result.data;
  return {
    ...env,
    // Development only (production requires both, checked above).
    SESSION_SECRET: env.SESSION_SECRET ?? 'dev-only-session-secret-not-for-production-use',
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Payments go somewhere other than Stripe itself (the in-repo fake): every page says so. */
export function isSimulatedPayments(e: Env = env()): boolean {
  return !e.STRIPE_SECRET_KEY || Boolean(e.STRIPE_API_BASE);
}
