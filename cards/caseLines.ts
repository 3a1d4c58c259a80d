import type { StoredRequest } from '../scheduling/model/DiscussionRequest.js';
import { conferenceName } from '../scheduling/rules/conferenceName.js';
import type { Audience } from './Audience.js';
import { inertText } from './inertText.js';

/** How a card names a case: always by N number; by surname only for the requester's own eyes. */
export interface CaseLines {
  readonly nNumbers: string;
  /** Present on personal cards only. */
  readonly children?: string;
  /** The conference's name (N numbers, never names). */
  readonly conference: string;
}

/**
 * The case lines of a card for its audience.
 * Rule: DOMAIN.md "Privacy and safety rules of the domain" (surnames only in the personal chat).
 * @example
 * caseLines({ nNumbers: ['N146782'], childSurnames: 'Bond', ... }, 'shared') //=> { nNumbers: 'N146782', conference: 'N146782' }
 */
export function caseLines(request: Pick<StoredRequest, 'nNumbers' | 'childSurnames'>, audience: Audience): CaseLines {
  return {
    nNumbers: inertText(request.nNumbers.join(', ')),
    conference: inertText(conferenceName(request.nNumbers)),
    ...(audience === 'personal' ? { children: inertText(request.childSurnames) } : {}),
  };
}
