import { storeContract } from '../../../contracts/storeContract.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

storeContract('PGlite (embedded)', openTestPglite);
storeContract('PostgreSQL server', openTestPostgres);
