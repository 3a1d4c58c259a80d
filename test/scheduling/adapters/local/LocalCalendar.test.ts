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
    answer: (eventId, reply, at) => calendar.answerInvite(eventId, reply, at),
    moveByHand: (eventId, start, end) => calendar.moveByHand(eventId, start, end),
    deleteByHand: (eventId) => calendar.deleteByHand(eventId),
    close: () => db.close(),
  };
});
