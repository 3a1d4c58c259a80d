import type { Booking } from '../model/Booking.js';
import type { CardPosting } from '../model/CardPosting.js';
import type { CaseReply } from '../model/CaseReply.js';
import type { StoredRequest } from '../model/DiscussionRequest.js';
import type { MailState } from '../model/Mail.js';
import type { CardPostings } from '../ports/CardPostings.js';
import type { ConversationReferences } from '../ports/ConversationReferences.js';
import type { JobHandlers, Jobs } from '../ports/Jobs.js';
import type { Notifier } from '../ports/Notifier.js';
import type { RequestStore } from '../ports/RequestStore.js';
import type { SlotLedger } from '../ports/SlotLedger.js';
import { NotFoundError } from './errors.js';
import type { RotaBookingService } from './RotaBookingService.js';
import type { UrgentOutcome, UrgentRouteService } from './UrgentRouteService.js';

import { refreshCardsJob } from './cardJobs.js';

export { refreshCardsJob };

/** A card posted about a request, with how to reach its conversation again. */
export interface PostedCardView extends CardPosting {
  /** The newest Teams conversation reference of the card's conversation (opaque here); absent if none was kept. */
  readonly reference?: unknown;
}

/** A request as it is now, and every card posted about it: what those cards should show. */
export interface CaseCardsView {
  readonly request: StoredRequest;
  /** Rota route: its live booking, else its most recently cancelled one. */
  readonly booking?: Booking;
  /** Rota route: the booking that one replaced, if it was moved (to a longer or the next free slot). */
  readonly replaced?: Booking;
  /** Rota route: where the police email of that booking stands. */
  readonly policeEmail?: MailState;
  /** Urgent route: the email and the police contact clock. */
  readonly urgent?: UrgentOutcome;
  /**
   * Rota route, a booked slot: the attendees' replies to its invite as last read from the
   * calendar (the desk adds them: `Desk.caseCards`), so a refreshed booking card says who accepted.
   */
  readonly replies?: readonly CaseReply[];
  /** Oldest first. */
  readonly postings: readonly PostedCardView[];
}

export interface CaseCardsDeps {
  readonly requests: RequestStore;
  readonly slots: SlotLedger;
  readonly postings: CardPostings;
  readonly conversations: ConversationReferences;
  readonly booking: Pick<RotaBookingService, 'policeEmailOf' | 'replacedOf'>;
  readonly urgent: Pick<UrgentRouteService, 'outcome'>;
  readonly jobs: Jobs;
  readonly notifier: Notifier;
}

/**
 * Cards follow the case: when a request changes (a cancel, a move, police contact), every card
 * posted about it - in the requester's personal chat and in shared conversations - is updated
 * to show the case as it is now, so no older copy still says "awaiting police" or offers Cancel.
 * The update is a durable job, so a change made anywhere (the bot, the command line) is shown by
 * the bot, which holds the Teams connection.
 * Rule: issue 8 "Notifier"; issue 11 "every copy of a card updated when its booking changes".
 */
export class CaseCards {
  constructor(private readonly deps: CaseCardsDeps) {}

  /**
   * Has every card about the request brought up to date. One waiting update per request is
   * enough: it reads the case when it runs. If the job cannot be kept (no engine), the cards
   * are updated here and now instead; the change itself stands either way, and the notifier
   * logs what it could not update.
   */
  async changed(requestId: string): Promise<void> {
    const { jobs, notifier } = this.deps;
    try {
      await jobs.schedule(refreshCardsJob, { requestId }, { key: requestId });
    } catch {
      await notifier.refreshCards(requestId).catch(() => undefined);
    }
  }

  /** The job handlers of this service, for the engine. */
  handlers(): JobHandlers {
    return {
      [refreshCardsJob]: async (data) => {
        const { requestId } = data;
        if (typeof requestId !== 'string' || requestId.length === 0) throw new Error(`${refreshCardsJob}: requestId is missing`);
        await this.deps.notifier.refreshCards(requestId);
      },
    };
  }

  /**
   * The case as it is now and where its cards stand. For the system (the notifier), not for a
   * person: it checks no access, and the edge that renders it decides who sees what.
   * @throws NotFoundError
   */
  async of(requestId: string): Promise<CaseCardsView> {
    const { requests, slots, postings, conversations, booking, urgent } = this.deps;
    const request = await requests.getRequest(requestId);
    if (!request) throw new NotFoundError('request', requestId);
    const posted = await postings.cardPostingsOf(requestId);
    const references = new Map<string, unknown>();
    for (const id of new Set(posted.map((p) => p.conversationId))) references.set(id, await conversations.conversationReferenceIn(id));
    const withReferences = posted.map((p) => {
      const reference = references.get(p.conversationId);
      return reference === undefined ? p : { ...p, reference };
    });
    if (request.route === 'urgent') return { request, urgent: await urgent.outcome(request), postings: withReferences };
    const latest = await slots.lastBookingFor(requestId);
    if (!latest) return { request, postings: withReferences };
    const replaced = await booking.replacedOf(latest);
    return { request, booking: latest, ...(replaced ? { replaced } : {}), policeEmail: await booking.policeEmailOf(latest), postings: withReferences };
  }
}
