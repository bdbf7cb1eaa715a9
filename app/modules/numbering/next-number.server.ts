import { sql } from 'drizzle-orm';
import type { Tx } from '~/utils/db.server';

/**
 * Takes the next number of a gapless series (per business, kind and year). The counter row stays locked until the
 * caller's transaction ends, so concurrent issuers queue behind it and a rollback hands the number back: no gap,
 * no duplicate. Call it only once the change that needs the number is certain.
 */
export async function nextNumber(
  tx: Tx,
  businessId: string,
  kind: 'invoice' | 'credit_note',
  year: number,
): Promise<{ seq: number; number: string }> {
  const rows = await tx.execute<{ last_value: number }>(sql`
    INSERT INTO number_sequences (business_id, kind, year, last_value) VALUES (${businessId}, ${kind}, ${year}, 1)
    ON CONFLICT (business_id, kind, year) DO UPDATE SET last_value = number_sequences.last_value + 1
    RETURNING last_value`);
  const seq = Number(rows[0]!.last_value);
  const prefix = kind === 'credit_note' ? 'AV-' : '';
  return { seq, number: `${prefix}${year}-${String(seq).padStart(6, '0')}` };
}
