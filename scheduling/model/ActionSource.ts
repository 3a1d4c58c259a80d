/** Where an action on a case came from. */
export type ActionSource =
  /** The command line, run by the service's operators: they hold the database itself. */
  | { readonly kind: 'operator' }
  /** A Teams conversation, as the activity names it (in production its Bot Framework token vouches for it). */
  | { readonly kind: 'teams'; readonly conversationId: string; readonly conversationType: string };
