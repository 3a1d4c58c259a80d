/** Who did something: a Teams user (Entra object id) or a command-line user. Never a child. */
export interface Actor {
  readonly id: string;
  readonly name: string;
}
