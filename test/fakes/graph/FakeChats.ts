import { GraphInputError } from './fakeEvent.js';
import type { GraphAnswer } from './FakeMailboxes.js';

/** An app installed into a chat through `POST /chats/{chat-id}/installedApps`. */
export interface FakeInstalledApp {
  readonly chatId: string;
  /** The app catalog id named by `teamsApp@odata.bind`. */
  readonly teamsAppId: string;
  readonly id: string;
  readonly installedAt: string;
}

const CHAT_ID = /^19:[A-Za-z0-9_=+-]{1,250}@thread\.(v2|tacv2|skype)$/;
const APP_BIND = /\/appCatalogs\/teamsApps\/([^/?#]+)$/;

/**
 * Teams chats as far as Strategy Desk uses them: apps installed into a chat (a meeting's chat in
 * Teams meeting mode). As Graph: the body must bind `teamsApp@odata.bind` to an app catalog entry
 * (400 otherwise); a chat id that is not a thread id is 404; installing an app the chat already
 * has is 409 Conflict.
 */
export class FakeChats {
  private readonly installed: FakeInstalledApp[] = [];

  constructor(private readonly now: () => Date) {}

  install(chatId: string, body: Record<string, unknown>): GraphAnswer {
    if (!CHAT_ID.test(chatId)) throw new GraphInputError(`Chat ${chatId} was not found.`, 404, 'NotFound');
    const bind = body['teamsApp@odata.bind'];
    const app = typeof bind === 'string' ? APP_BIND.exec(bind) : null;
    if (!app) throw new GraphInputError("Body must bind 'teamsApp@odata.bind' to /appCatalogs/teamsApps/{id}.", 400, 'BadRequest');
    const teamsAppId = decodeURIComponent(app[1]!);
    if (this.installed.some((a) => a.chatId === chatId && a.teamsAppId === teamsAppId)) {
      throw new GraphInputError('The app is already installed in this chat.', 409, 'Conflict');
    }
    this.installed.push({ chatId, teamsAppId, id: Buffer.from(`${chatId}##${teamsAppId}`).toString('base64'), installedAt: this.now().toISOString() });
    return { status: 201, body: undefined };
  }

  /** Every install, in order. */
  list(): FakeInstalledApp[] {
    return [...this.installed];
  }

  clear(): void {
    this.installed.length = 0;
  }
}
