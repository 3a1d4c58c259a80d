import type { Calendar } from '../../scheduling/ports/Calendar.js';

/** A calendar whose createEvent waits until the test opens the gate: a slow Graph, on demand. */
export function gatedCalendar() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let entered!: () => void;
  const reached = new Promise<void>((resolve) => (entered = resolve));
  const wrap = (calendar: Calendar): Calendar => ({
    busyBetween: (from, to) => calendar.busyBetween(from, to),
    eventsBetween: (from, to) => calendar.eventsBetween(from, to),
    createEvent: async (event, transactionId) => {
      entered();
      await gate;
      return calendar.createEvent(event, transactionId);
    },
    updateEvent: (id, change) => calendar.updateEvent(id, change),
    cancelEvent: (id, comment) => calendar.cancelEvent(id, comment),
    getEvent: (id) => calendar.getEvent(id),
  });
  /** `reached`: a booking is waiting on the calendar; `open()`: let it through. */
  return { wrap, reached, open };
}
