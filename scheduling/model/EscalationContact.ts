/** A contact the manager is shown when police have not called within the hour (DOMAIN.md, urgent route). */
export interface EscalationContact {
  readonly label: string;
  readonly name: string;
  readonly phone: string;
  /**
   * The escalation level the contact belongs to (1 = called first). Optional: without it, a run
   * of contacts with the same label is one level (two duty DS, then admin support...).
   */
  readonly level?: number;
}
