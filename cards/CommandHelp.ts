/** One command as the welcome and help cards list it (the bot owns the list: `bot/commands.ts`). */
export interface CommandHelp {
  /** What to type, e.g. `cancel N146782`. */
  readonly title: string;
  readonly description: string;
}
