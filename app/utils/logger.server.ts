import pino from 'pino';
import { env } from './env.server';

let instance: pino.Logger | undefined;

/** Paths that carry a bearer token are never logged as they are. */
export function redactPath(path: string): string {
  return path
    .replace(/^\/(i|s|admin\/invite|admin\/reset-password)\/[^/?#]+/, '/$1/[token]')
    .replace(/([?&](token|t)=)[^&#]*/g, '$1[redacted]');
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
