/**
 * An area's rota for strategy discussions on the police conference diary, as data.
 * Rule: DOMAIN.md "Strategy discussion on the rota". Northamptonshire's is the default file
 * `app/rotas/northamptonshire.json`; another area supplies its own (`ROTA_FILE`).
 */
export interface Rota {
  readonly area: string;
  /** ISO weekdays (1 = Monday) on which police join conference calls. */
  readonly conferenceWeekdays: readonly number[];
  /** The conference window in UK local time (`HH:mm`); slots fill it from `start`, ending by `end`. */
  readonly window: { readonly start: string; readonly end: string };
  /** Length of one slot (a cell of the diary), minutes. */
  readonly slotMinutes: number;
  /** Length of a longer slot for a complex case, minutes: a whole number of cells. */
  readonly longerSlotMinutes: number;
  /** A referral at or after this UK local time (`HH:mm`) counts as received on the next working day. */
  readonly cutOff: string;
  /** Referral working weekday (ISO, as a string key "1".."5") -> weekday it is discussed on. */
  readonly discussedOn: Readonly<Record<string, number>>;
  /** How many calendar days past the rota day to look for room before giving up. */
  readonly searchDays: number;
  /**
   * When the record (minutes) of a discussion is due after it is held: hours (`"24h"`,
   * Northamptonshire) or working days (`"1wd"`). Optional: unset, 24 hours; `MINUTES_DUE`
   * overrides it.
   */
  readonly minutesDue?: string;
}
