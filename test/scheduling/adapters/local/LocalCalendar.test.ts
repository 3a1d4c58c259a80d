import { migrate } from '../../../../scheduling/adapters/pg/migrate.js';
import { LocalCalendar } from '../../../../scheduling/adapters/local/LocalCalendar.js';
import { calendarContract } from '../../../contracts/calendarContract.js';
import { openTestPglite } from '../../../fakes/testDb.js';

calendarContract('LocalCalendar', async () => {
  const db = await openTestPglite();
  await migrate(db);
  const calendar = new LocalCalendar(db, 'strategy.meetings@council.example.org');
  return {
    calendar,
    addHandMade: async (event) => {
      await calendar.addHandMadeEvent(event);
    },
    setResponse: (eventId, address, response) => calendar.setAttendeeResponse(eventId, address, response),
    close: () => db.close(),
  };
});
