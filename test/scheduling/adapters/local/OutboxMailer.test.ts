import { migrate } from '../../../../scheduling/adapters/pg/migrate.js';
import { OutboxMailer } from '../../../../scheduling/adapters/local/OutboxMailer.js';
import { mailerContract } from '../../../contracts/mailerContract.js';
import { openTestPglite } from '../../../fakes/testDb.js';

mailerContract('OutboxMailer', async () => {
  const db = await openTestPglite();
  await migrate(db);
  const mailer = new OutboxMailer(db);
  return { mailer, sent: () => mailer.listOutbox(), close: () => db.close() };
});
