import { jobsContract } from '../../../contracts/jobsContract.js';
import { openTestPostgres } from '../../../fakes/testDb.js';
import { onPgBoss } from './pgBossUnderTest.js';

jobsContract('pg-boss on the PostgreSQL server', onPgBoss(openTestPostgres));
