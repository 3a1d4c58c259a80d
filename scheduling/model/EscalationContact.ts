/** A contact the manager is shown when police have not called within the hour (DOMAIN.md, urgent route). */
export interface EscalationContact {
  readonly label: string;
  readonly name: string;
  readonly phone: string;
}
