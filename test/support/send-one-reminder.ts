/**
 * A worker process that sends one reminder: `node --import tsx test/support/send-one-reminder.ts <id> <ISO now>`.
 * Tests start it and kill it in the middle of its transaction.
 */
import { sendReminder } from '~/modules/dunning/send-reminder.server';
import { closeDb, db } from '~/utils/db.server';

const [reminderId, now] = process.argv.slice(2);
const outcome = await sendReminder(db(), { reminderId: reminderId!, now: new Date(now!) });
console.log(JSON.stringify(outcome));
await closeDb();
