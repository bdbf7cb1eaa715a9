import type { business } from '#db/schema/index';
import { env } from '~/utils/env.server';

/** The From header: the business's own sender when set, else the instance default. */
export function senderFor(
  b: Pick<typeof business.$inferSelect, 'name' | 'emailFromName' | 'emailFromAddress'>,
): string {
  const name = (b.emailFromName || b.name).replace(/["<>\r\n]/g, '');
  if (b.emailFromAddress) return `"${name}" <${b.emailFromAddress}>`;
  return env().EMAIL_FROM ?? `"${name}" <no-reply@acquit.localhost>`;
}
