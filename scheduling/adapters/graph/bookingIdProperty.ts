/**
 * The single-value extended property that marks an event as ours and carries its booking id.
 * A named property in our own property set (a fixed GUID): Exchange keeps it on the event and
 * Outlook does not show it, so people editing the meeting cannot disturb it. Never change the
 * GUID or name: events already written would stop being recognised.
 * https://learn.microsoft.com/graph/api/resources/extended-properties-overview
 */
export const bookingIdPropertyId = 'String {4c2d669a-05c8-4d0a-9c17-b8eabe3833fc} Name StrategyDeskBookingId';

/** The `$expand` that returns the marker with each event (and nothing when an event has none). */
export const expandBookingId = `singleValueExtendedProperties($filter=id eq '${bookingIdPropertyId}')`;
