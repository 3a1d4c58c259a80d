import type { RequestStore } from '../ports/RequestStore.js';
import type { SlotLedger } from '../ports/SlotLedger.js';
import type { Clock } from '../ports/Clock.js';
import type { Actor } from '../model/Actor.js';
import type { Booking } from '../model/Booking.js';
import type { DiscussionRequest, StoredRequest } from '../model/DiscussionRequest.js';
import { parseDiscussionRequest, type RawRequest } from '../rules/discussionRequest.js';
import { InvalidRequestError } from './errors.js';
import type { MailState } from '../model/Mail.js';
import type { RotaBookingService } from './RotaBookingService.js';
import type { UrgentOutcome, UrgentRouteService } from './UrgentRouteService.js';

export type RequestOutcome =
  | {
      readonly route: 'rota';
      readonly request: StoredRequest;
      readonly booking: Booking;
      /** The police referral unit's `Strategy discussion` email: a booking stands even while it is pending. */
      readonly policeEmail: MailState;
      readonly replayed: boolean;
    }
  | ({ readonly route: 'urgent'; readonly replayed: boolean } & UrgentOutcome);

/**
 * Takes a manager's request for a strategy discussion: validates it, saves it under its
 * idempotency key (a retried or double-clicked submit gets the first answer, also when that
 * booking has since been cancelled), and sends it down the urgent or the rota route.
 * Rule: DOMAIN.md "Two routes".
 */
export class RequestIntake {
  constructor(
    private readonly deps: {
      requests: RequestStore;
      slots: SlotLedger;
      clock: Clock;
      newId: () => string;
      nNumberPattern: RegExp;
      rota: RotaBookingService;
      urgent: UrgentRouteService;
    },
  ) {}

  /**
   * Checks a request without taking it (the summary before an urgent email goes): the request as
   * it would be taken, or `submitted` when a request under this key was already taken (a retry).
   * Nothing is stored or sent.
   * @throws InvalidRequestError naming each bad field.
   */
  async check(raw: RawRequest, idempotencyKey: string): Promise<DiscussionRequest | 'submitted'> {
    const { requests, clock, nNumberPattern } = this.deps;
    if (await requests.findRequestByKey(idempotencyKey)) return 'submitted';
    const parsed = parseDiscussionRequest(raw, { nNumberPattern, now: clock.now() });
    if (!parsed.ok) throw new InvalidRequestError(parsed.errors);
    return parsed.value;
  }

  /**
   * @throws InvalidRequestError naming each bad field; nothing is stored then.
   * @throws NoSlotError when no conference day in the search window has room (the request is kept).
   */
  async submit(raw: RawRequest, actor: Actor, idempotencyKey: string): Promise<RequestOutcome> {
    const { requests, clock, newId, nNumberPattern } = this.deps;
    const known = await requests.findRequestByKey(idempotencyKey);
    if (known) return this.route(known, actor, true);
    const parsed = parseDiscussionRequest(raw, { nNumberPattern, now: clock.now() });
    if (!parsed.ok) throw new InvalidRequestError(parsed.errors);
    const route = parsed.value.urgent.length > 0 ? 'urgent' : 'rota';
    const { request, created } = await requests.saveRequest({ ...parsed.value, id: newId(), idempotencyKey, route }, actor, clock.now());
    return this.route(request, actor, !created);
  }

  private async route(request: StoredRequest, actor: Actor, replayed: boolean): Promise<RequestOutcome> {
    if (request.route === 'urgent') return { route: 'urgent', replayed, ...(await this.deps.urgent.send(request, actor)) };
    // A retry of a request whose booking has since been cancelled gets that booking back: a
    // cancel stands, and a new discussion is a new request (a new key).
    const last = replayed ? await this.deps.slots.lastBookingFor(request.id) : undefined;
    const booking = last?.status === 'cancelled' ? last : await this.deps.rota.book(request, actor);
    return { route: 'rota', request, booking, policeEmail: await this.deps.rota.policeEmailOf(booking), replayed };
  }
}
