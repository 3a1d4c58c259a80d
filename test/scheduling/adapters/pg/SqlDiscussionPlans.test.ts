import { discussionPlansContract } from '../../../contracts/discussionPlansContract.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

discussionPlansContract('PGlite (embedded)', openTestPglite);
discussionPlansContract('PostgreSQL server', openTestPostgres);
