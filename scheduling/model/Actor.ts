/** Who did something: a Teams user (Entra object id) or a command-line user. Never a child. */
export interface Actor {
  readonly id: string;
  readonly name: string;
  /**
   * Their email, when the edge knows it (the bot fills it from the Teams profile): an invitee of a
   * discussion is known by email only. Never written to the audit log.
   */
  readonly email?: string;
}
