import { bigint, char, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Money: an integer count of the currency's minor units (cents for EUR). Never a float. */
export const money = (name: string) => bigint(name, { mode: 'number' });
/** ISO 4217 code, upper case. */
export const currency = (name = 'currency') => char(name, { length: 3 });
export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true });
