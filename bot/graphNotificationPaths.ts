/** Where Microsoft Graph posts change notifications for the shared calendar (under PUBLIC_URL). */
export const graphNotificationsPath = '/api/graph/notifications';
/** Where Graph posts lifecycle notifications (reauthorizationRequired, subscriptionRemoved, missed). */
export const graphLifecyclePath = '/api/graph/lifecycle';
