import { auditLogContract } from '../../../contracts/auditLogContract.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

auditLogContract('PGlite (embedded)', openTestPglite);
auditLogContract('PostgreSQL server', openTestPostgres);
