import { describe, expect, it } from 'vitest';
import { KeptReferences } from '../../bot/KeptReferences.js';

const reference = (activityId: string, serviceUrl = 'https://smba.trafficmanager.net/uk/') => ({
  activityId,
  user: { id: '29:alex', name: 'Alex', aadObjectId: 'aad-alex' },
  bot: { id: '28:bot', name: 'Strategy Desk' },
  conversation: { id: 'a:personal', conversationType: 'personal', tenantId: 't' },
  channelId: 'msteams',
  locale: 'en-GB',
  serviceUrl,
});

describe('KeptReferences', () => {
  it('says a reference is new until it is saved, then unchanged on the next turn (another activity id)', () => {
    const kept = new KeptReferences();
    expect(kept.changed('29:alex', 'a:personal', reference('act-1'))).toBe(true);
    kept.saved('29:alex', 'a:personal', reference('act-1'));
    expect(kept.changed('29:alex', 'a:personal', reference('act-2'))).toBe(false);
  });

  it('sees a changed service URL, another conversation and another person as changes', () => {
    const kept = new KeptReferences();
    kept.saved('29:alex', 'a:personal', reference('act-1'));
    expect(kept.changed('29:alex', 'a:personal', reference('act-2', 'https://smba.trafficmanager.net/emea/'))).toBe(true);
    expect(kept.changed('29:alex', 'a:group', reference('act-2'))).toBe(true);
    expect(kept.changed('29:megan', 'a:personal', reference('act-2'))).toBe(true);
  });

  it('forgets the oldest entry beyond its capacity (it is then written again)', () => {
    const kept = new KeptReferences(2);
    kept.saved('u1', 'c', reference('a'));
    kept.saved('u2', 'c', reference('a'));
    kept.saved('u1', 'c', reference('b')); // u1 is now the newest
    kept.saved('u3', 'c', reference('a'));
    expect(kept.changed('u2', 'c', reference('a'))).toBe(true);
    expect(kept.changed('u1', 'c', reference('a'))).toBe(false);
    expect(kept.changed('u3', 'c', reference('a'))).toBe(false);
  });
});
