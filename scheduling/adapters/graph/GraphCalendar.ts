import { randomUUID } from 'node:crypto';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { Calendar } from '../../ports/Calendar.js';
import type { CalendarEntry, ConferenceEvent, EventRef } from '../../model/ConferenceEvent.js';
import { expandBookingId } from './bookingIdProperty.js';
import { ConcurrencyLimit } from './ConcurrencyLimit.js';
import { GraphRetry, isTransient } from './GraphRetry.js';
import { isBusy, selectedFields, toCalendarEntry, toGraphChange, toGraphEvent, type GraphEvent } from './graphEvent.js';

/** Graph's limit of concurrent requests per app per mailbox. */
export const mailboxConcurrency = 4;

/** Events asked for per calendarView page; Graph may send fewer and a nextLink. */
const pageSize = 100;

/** Times come back in UTC, whatever the mailbox's own zone. */
const utc = 'outlook.timezone="UTC"';

interface Page {
  readonly value: GraphEvent[];
  readonly '@odata.nextLink'?: string;
}

/** The status of a failed Graph call, when it got an answer. */
const statusOf = (e: unknown) => (e as { statusCode?: number }).statusCode;
/** Not there: deleted (404), or an id Exchange cannot even parse (400 ErrorInvalidIdMalformed). */
const isMissing = (e: unknown) => statusOf(e) === 404 || (e as { code?: string }).code === 'ErrorInvalidIdMalformed';

/**
 * The shared Strategy Meeting calendar in an Exchange Online mailbox, through Microsoft Graph with
 * app-only permissions. All calls share one queue of at most 4 (`limit`; give GraphMailer the same
 * one for the same mailbox). Throttled or briefly unavailable calls (429, 503, 504) are retried by
 * `retry`, honouring Retry-After, waiting outside the queue and within a time budget; every call
 * here is safe to repeat (reads, PATCH, cancel, and creates by their transactionId).
 */
export class GraphCalendar implements Calendar {
  private readonly user: string;

  constructor(
    private readonly client: Client,
    mailbox: string,
    private readonly limit = new ConcurrencyLimit(mailboxConcurrency),
    private readonly retry = new GraphRetry(),
  ) {
    this.user = `/users/${encodeURIComponent(mailbox)}`;
  }

  /** One Graph call, in a mailbox slot, retried when throttled or briefly unavailable. */
  private call<T>(request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    return this.retry.run(this.limit, request, isTransient);
  }

  async busyBetween(from: Date, to: Date): Promise<readonly CalendarEntry[]> {
    return this.view(from, to, isBusy);
  }

  eventsBetween(from: Date, to: Date): Promise<readonly CalendarEntry[]> {
    return this.view(from, to, () => true);
  }

  /** The window's events that `keep` accepts: one calendarView, following every nextLink. */
  private async view(from: Date, to: Date, keep: (e: GraphEvent) => boolean): Promise<CalendarEntry[]> {
    const busy: CalendarEntry[] = [];
    let page = await this.call<Page>((signal) =>
      this.client
        .api(`${this.user}/calendarView`)
        .option('signal', signal)
        .query({ startDateTime: from.toISOString(), endDateTime: to.toISOString() })
        .select(selectedFields)
        .expand(expandBookingId)
        .top(pageSize)
        .header('Prefer', utc)
        .get(),
    );
    for (;;) {
      busy.push(...page.value.filter(keep).map(toCalendarEntry));
      const next = page['@odata.nextLink'];
      if (!next) return busy;
      page = await this.call<Page>((signal) => this.client.api(next).option('signal', signal).header('Prefer', utc).get());
    }
  }

  async createEvent(event: ConferenceEvent, transactionId: string = randomUUID()): Promise<EventRef> {
    // Always a transactionId: a create is re-sent after a 429, 503 or 504, and Graph gives back the first.
    const created = await this.call<GraphEvent>((signal) => this.client.api(`${this.user}/events`).option('signal', signal).header('Prefer', utc).post(toGraphEvent(event, transactionId)));
    const joinUrl = created.onlineMeeting?.joinUrl;
    return { id: created.id, ...(joinUrl ? { joinUrl } : {}) };
  }

  async updateEvent(id: string, change: Parameters<Calendar['updateEvent']>[1]): Promise<void> {
    await this.call((signal) => this.client.api(this.event(id)).option('signal', signal).header('Prefer', utc).patch(toGraphChange(change)));
  }

  async cancelEvent(id: string, comment: string): Promise<void> {
    try {
      await this.call((signal) => this.client.api(`${this.event(id)}/cancel`).option('signal', signal).post({ comment }));
    } catch (error) {
      if (isMissing(error)) return;
      // Graph refuses to cancel twice, with no dedicated error code: look before failing.
      const now = await this.getEvent(id).catch(() => Promise.reject(error));
      if (now && !now.cancelled) throw error;
    }
  }

  async getEvent(id: string): Promise<CalendarEntry | undefined> {
    try {
      const event = await this.call<GraphEvent>((signal) =>
        this.client.api(this.event(id)).option('signal', signal).select(selectedFields).expand(expandBookingId).header('Prefer', utc).get(),
      );
      return toCalendarEntry(event);
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  private event(id: string): string {
    return `${this.user}/events/${encodeURIComponent(id)}`;
  }
}
