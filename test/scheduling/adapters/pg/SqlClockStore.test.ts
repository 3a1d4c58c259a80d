import { clockStoreContract } from '../../../contracts/clockStoreContract.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

clockStoreContract('PGlite (embedded)', openTestPglite);
clockStoreContract('PostgreSQL server', openTestPostgres);
