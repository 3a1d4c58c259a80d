/**
 * The job that brings every posted card of a request up to date (data: `{ requestId }`), worked
 * by `CaseCards`; on its own so services that schedule it need not import CaseCards.
 */
export const refreshCardsJob = 'cards.refresh';
