import type { FakeResponse } from './fakeEvent.js';
import type { FakeGraph } from './FakeGraph.js';
import type { FakeFault, FakeGraphRoute, FakeGraphSettings } from './fakeGraphSettings.js';
import type { GraphAnswer, HandMadeEvent } from './FakeMailboxes.js';
import type { FakeChange, FakeLifecycleEvent } from './FakeSubscriptions.js';

const ok = (body?: unknown, status = 200): GraphAnswer => ({ status, body: body ?? { ok: true } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The fake's control panel for tests in other processes (no token needed):
 *   GET  /_fake/counts                 counters by route
 *   GET  /_fake/events[?mailbox=]      events as FakeEventView
 *   POST /_fake/events                 add a hand-made event (HandMadeEvent JSON)
 *   POST /_fake/attendee-response      {eventId, address, response, name?, at?}: an invitee replies (added first if the invite was forwarded to them)
 *   POST /_fake/move-by-hand           {eventId, start, end}: a person moves the event in Outlook
 *   POST /_fake/delete-by-hand         {eventId}: a person deletes the event in Outlook
 *   GET  /_fake/sent-mail              messages posted to sendMail
 *   GET  /_fake/settings, POST /_fake/settings {pageSize?, throttleRate?, retryAfterSeconds?, latencyMs?, lostResponseRate?, mailboxConcurrency?}
 *   POST /_fake/fail-next {route, status, afterProcessing?, retryAfterSeconds?}  script the next call's failure
 *   POST /_fake/hold {route?}          hold calls to a route (default createEvent)
 *   GET  /_fake/held?atLeast=N&waitMs=M  how many calls are held, waiting up to M ms for N
 *   POST /_fake/release {commit?}      let held calls go (commit=false drops them unprocessed)
 *   POST /_fake/reset                  forget everything
 *   GET  /_fake/subscriptions          live change-notification subscriptions
 *   POST /_fake/forward {from, to}     deliver to origin `to` what is addressed to origin `from` (a tunnel)
 *   POST /_fake/notify {eventId, changeType?, clientState?, resource?}  post a change notification; {statuses}
 *   POST /_fake/lifecycle {subscriptionId, lifecycleEvent, clientState?}  post a lifecycle notification; {status}
 *   GET  /_fake/deliveries             every POST made to a subscriber (validation, change, lifecycle)
 *   GET  /_fake/installed-apps         apps installed into chats (POST /chats/{id}/installedApps), in order
 */
export async function answerAdmin(fake: FakeGraph, method: string, url: URL, raw: string): Promise<GraphAnswer> {
  const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
  const route = `${method} ${url.pathname.slice('/_fake'.length)}`;
  switch (route) {
    case 'GET /counts':
      return ok(fake.counts);
    case 'GET /events':
      return ok(fake.events(url.searchParams.get('mailbox') ?? undefined));
    case 'POST /events':
      return ok(fake.addEvent(body as unknown as HandMadeEvent), 201);
    case 'POST /attendee-response':
      if (typeof body.name === 'string') fake.addForwardedAttendee(String(body.eventId), String(body.address), body.name);
      fake.setAttendeeResponse(String(body.eventId), String(body.address), body.response as FakeResponse, typeof body.at === 'string' ? new Date(body.at) : undefined);
      return ok();
    case 'POST /move-by-hand':
      fake.moveByHand(String(body.eventId), new Date(String(body.start)), new Date(String(body.end)));
      return ok();
    case 'POST /delete-by-hand':
      fake.deleteByHand(String(body.eventId));
      return ok();
    case 'GET /sent-mail':
      return ok(fake.sentMail());
    case 'GET /settings':
      return ok(fake.settings);
    case 'POST /settings':
      fake.configure(body as Partial<FakeGraphSettings>);
      return ok(fake.settings);
    case 'POST /fail-next': {
      const { route: failing, ...fault } = body as unknown as { route: FakeGraphRoute } & FakeFault;
      fake.failNext(failing, fault);
      return ok();
    }
    case 'POST /hold':
      fake.hold((body.route as FakeGraphRoute | undefined) ?? 'createEvent');
      return ok();
    case 'GET /held': {
      const atLeast = Number(url.searchParams.get('atLeast') ?? 0);
      const waitMs = Number(url.searchParams.get('waitMs') ?? 0);
      if (fake.held < atLeast && waitMs > 0) await Promise.race([fake.waitForHeld(atLeast), sleep(waitMs)]);
      return ok({ held: fake.held });
    }
    case 'POST /release':
      fake.release({ commit: body.commit !== false });
      return ok();
    case 'POST /reset':
      fake.reset();
      return ok();
    case 'GET /subscriptions':
      return ok(fake.subscriptions.list());
    case 'POST /forward':
      fake.subscriptions.forward(String(body.from), String(body.to));
      return ok();
    case 'POST /notify':
      return ok({ statuses: await fake.subscriptions.notify(body as unknown as FakeChange) });
    case 'POST /lifecycle': {
      const options = typeof body.clientState === 'string' ? { clientState: body.clientState } : {};
      return ok({ status: await fake.subscriptions.lifecycle(String(body.subscriptionId), body.lifecycleEvent as FakeLifecycleEvent, options) });
    }
    case 'GET /deliveries':
      return ok(fake.subscriptions.deliveries);
    case 'GET /installed-apps':
      return ok(fake.chats.list());
    default:
      return { status: 404, body: { error: { code: 'NotFound', message: `no admin route ${route}` } } };
  }
}
