import { replyLedgerContract } from '../../../contracts/replyLedgerContract.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

replyLedgerContract('PGlite (embedded)', openTestPglite);
replyLedgerContract('PostgreSQL server', openTestPostgres);
