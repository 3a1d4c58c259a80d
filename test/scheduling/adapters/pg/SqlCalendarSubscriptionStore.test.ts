import { calendarSubscriptionStoreContract } from '../../../contracts/calendarSubscriptionStoreContract.js';
import { openTestPglite, openTestPostgres } from '../../../fakes/testDb.js';

calendarSubscriptionStoreContract('PGlite (embedded)', openTestPglite);
calendarSubscriptionStoreContract('PostgreSQL server', openTestPostgres);
