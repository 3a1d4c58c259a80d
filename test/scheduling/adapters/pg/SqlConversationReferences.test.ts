import { conversationReferencesContract } from '../../../contracts/conversationReferencesContract.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

conversationReferencesContract('PGlite (embedded)', openTestPglite);
conversationReferencesContract('PostgreSQL server', openTestPostgres);
