import { hash } from '@node-rs/argon2';
import { users } from '#db/schema/index';
import { db } from '~/utils/db.server';
import { uniqueSuffix } from './ids';

export type CreatedUser = typeof users.$inferSelect & { password: string };

/** A user who can log in with `password` (hashed with argon2id, as the app stores it). */
export async function createUser(
  businessId: string,
  options: { role?: 'owner' | 'staff'; password?: string; email?: string; name?: string } = {},
): Promise<CreatedUser> {
  const password = options.password ?? `pw-${uniqueSuffix()}-correct-horse`;
  const [row] = await db()
    .insert(users)
    .values({
      businessId,
      email: options.email ?? `user-${uniqueSuffix()}@atelier.test`,
      name: options.name ?? 'Claire Test',
      role: options.role ?? 'owner',
      passwordHash: await hash(password, { algorithm: 2 }),
    })
    .returning();
  return { ...row!, password };
}
