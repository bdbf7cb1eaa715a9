import pino from 'pino';
import { env } from './env.server';

let instance: pino.Logger | undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Paths that carry a bearer token are never logged as they are. */
export function redactPath(path: string): string {
  return (
    path
      .replace(/\/(i|s|invite|reset-password)\/+[^/?#]+/g, '/$1/[token]')
      // Anything else shaped like a token (a long run of base64url, not a row's UUID), wherever it sits.
      .replace(/[A-Za-z0-9_-]{32,}/g, (run) => (UUID.test(run) ? run : '[redacted]'))
      .replace(/([?&](token|t)=)[^&#]*/g, '$1[redacted]')
  );
}

export function logger(): pino.Logger {
  instance ??= pino({
    level: env().LOG_LEVEL,
    base: { pid: process.pid },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'headers.cookie',
        'headers.authorization',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  });
  return instance;
}
