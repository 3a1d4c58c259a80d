import { requestStoreContract } from '../../../contracts/requestStoreContract.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

requestStoreContract('PGlite (embedded)', openTestPglite);
requestStoreContract('PostgreSQL server', openTestPostgres);
