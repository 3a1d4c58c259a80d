import type { Client } from '@microsoft/microsoft-graph-client';
import type { MeetingChats } from '../../ports/MeetingChats.js';
import { ConcurrencyLimit } from './ConcurrencyLimit.js';
import { GraphRetry, isTransient, statusOf } from './GraphRetry.js';

export interface GraphMeetingChatsSettings {
  /** The bot's Teams app in the tenant's app catalog (TEAMS_APP_CATALOG_ID). */
  readonly teamsAppCatalogId: string;
  /** Graph's base URL (GRAPH_BASE_URL), for the app's `@odata.bind` reference. */
  readonly graphBaseUrl: string;
}

/**
 * Installs the bot into a Teams meeting's chat through Microsoft Graph:
 * `POST /chats/{chat-id}/installedApps` with `teamsApp@odata.bind` pointing at the app catalog
 * entry (application permission TeamsAppInstallation.ReadWriteSelfForChat.All). An app already
 * installed there is answered 409 Conflict: that is success. Throttled or briefly unavailable
 * calls (429, 503, 504) are retried like the other Graph adapters; a retried install that had
 * gone through the first time meets that 409, so repeating it is safe.
 */
export class GraphMeetingChats implements MeetingChats {
  constructor(
    private readonly client: Client,
    private readonly settings: GraphMeetingChatsSettings,
    private readonly limit = new ConcurrencyLimit(4),
    private readonly retry = new GraphRetry(),
  ) {}

  async installBot(chatId: string): Promise<void> {
    const app = `${this.settings.graphBaseUrl.replace(/\/+$/, '')}/appCatalogs/teamsApps/${encodeURIComponent(this.settings.teamsAppCatalogId)}`;
    try {
      await this.retry.run(this.limit, (signal) => this.client.api(`/chats/${encodeURIComponent(chatId)}/installedApps`).option('signal', signal).post({ 'teamsApp@odata.bind': app }), isTransient);
    } catch (error) {
      if (statusOf(error) === 409) return; // installed already
      throw error;
    }
  }
}
