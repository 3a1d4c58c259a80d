import { mailLedgerContract } from '../../../contracts/mailLedgerContract.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

mailLedgerContract('PGlite (embedded)', openTestPglite);
mailLedgerContract('PostgreSQL server', openTestPostgres);
