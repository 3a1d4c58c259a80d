import { migrate } from '../../../../scheduling/adapters/pg/migrate.js';
import { OutboxMailer } from '../../../../scheduling/adapters/local/OutboxMailer.js';
import type { Db } from '../../../../scheduling/adapters/pg/Db.js';
import { mailerContract } from '../../../contracts/mailerContract.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

const outboxOn = (open: () => Promise<Db>) => async () => {
  const db = await open();
  await migrate(db);
  const mailer = new OutboxMailer(db);
  return { mailer, sent: () => mailer.listOutbox(), close: () => db.close() };
};

mailerContract('OutboxMailer', outboxOn(openTestPglite));
mailerContract('OutboxMailer on a PostgreSQL server', outboxOn(openTestPostgres));
