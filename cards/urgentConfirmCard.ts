import type { DiscussionRequest } from '../scheduling/model/DiscussionRequest.js';
import { urgentCriteria } from '../scheduling/model/UrgentCriterion.js';
import { formatUkDateTimeInWords } from '../scheduling/rules/formatUkDateTime.js';
import { expandCard, type AdaptiveCard } from './AdaptiveCard.js';
import type { Audience } from './Audience.js';
import { inertText } from './inertText.js';
import type { RequestCardValues } from './requestCard.js';
import template from './urgentConfirmCard.json' with { type: 'json' };
import { verbs } from './verbs.js';

export interface UrgentConfirmCardInput {
  /** The request card's key: the Send keeps it, so a double-click sends once. */
  readonly requestKey: string;
  /** What was typed, carried back to the form (Back) or on to the desk (Send). */
  readonly values: RequestCardValues;
  /** The request as the desk would take it (checked, nothing stored). */
  readonly request: DiscussionRequest;
  readonly audience: Audience;
}

/** The data field that says the summary was seen and Send pressed. */
export const confirmUrgentField = 'confirmUrgent';

/**
 * The summary shown before an URGENT S47 ENQUIRY email goes (issue 11: "a confirmation step
 * before an urgent email"): the case, the number police will ring, when the referral came in,
 * why it is urgent; Send URGENT email now or Back to the form with everything typed kept.
 * In a shared conversation the surnames are neither shown nor carried in the card's data: they
 * are typed again on the summary to send.
 * @example
 * urgentConfirmCard({ requestKey: 'k1', values, request, audience: 'personal' }).actions[0].title //=> 'Send URGENT email now'
 */
export function urgentConfirmCard(input: UrgentConfirmCardInput): AdaptiveCard {
  const { request, audience } = input;
  const shared = audience === 'shared';
  // What was typed rides in the actions' data made inert, like the request card's inputs (the
  // desk reads it back through requestCardValues, which undoes that).
  const typed = Object.fromEntries(Object.entries(input.values).map(([field, value]) => [field, inertText(value ?? '')])) as RequestCardValues;
  const carried: RequestCardValues = shared ? { ...typed, childSurnames: '' } : typed;
  const { childSurnames: _typedAgain, ...withoutSurnames } = carried;
  const sendValues = shared ? withoutSurnames : carried;
  const sendData = { requestKey: input.requestKey, [confirmUrgentField]: 'send', ...sendValues };
  const backData = { requestKey: input.requestKey, ...sendValues };
  const facts = [
    { title: 'Case', value: inertText(request.nNumbers.join(', ')) },
    ...(shared ? [] : [{ title: 'Children', value: inertText(request.childSurnames) }]),
    { title: 'Police will ring', value: inertText(request.managerPhone) },
    { title: 'Referral received', value: formatUkDateTimeInWords(request.referredAt) },
    { title: 'Requested by', value: inertText(`${request.managerName} (${request.managerRole})`) },
  ];
  const criteria = request.urgent.map((id) => urgentCriteria.find((c) => c.id === id)?.label ?? id);
  return expandCard(template, {
    facts,
    criteria,
    askSurnames: shared,
    verbs: { send: verbs.requestDiscussion, back: verbs.editRequest },
    sendData,
    sendSubmitData: { verb: verbs.requestDiscussion, ...sendData },
    backData,
    backSubmitData: { verb: verbs.editRequest, ...backData },
  });
}
