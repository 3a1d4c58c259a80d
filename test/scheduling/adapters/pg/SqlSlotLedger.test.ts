import { slotLedgerContract } from '../../../contracts/slotLedgerContract.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

slotLedgerContract('PGlite (embedded)', openTestPglite);
slotLedgerContract('PostgreSQL server', openTestPostgres);
