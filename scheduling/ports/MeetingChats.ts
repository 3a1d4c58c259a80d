/**
 * The chats of Teams meetings, as far as the bot needs them: installing the bot into a meeting's
 * chat so it can post the discussion's cards there. Adapter: `GraphMeetingChats` (Graph
 * `POST /chats/{chat-id}/installedApps`, application permission
 * TeamsAppInstallation.ReadWriteSelfForChat.All). Only one adapter: Teams meeting mode needs the
 * Graph calendar (app/config.ts refuses it with the local one).
 */
export interface MeetingChats {
  /** Installs the bot's Teams app into the chat. Already installed is not an error (safe to repeat). */
  installBot(chatId: string): Promise<void>;
}
