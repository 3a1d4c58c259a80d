import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';

const graph = {
  CALENDAR_BACKEND: 'graph',
  AZURE_TENANT_ID: 'tenant',
  AZURE_CLIENT_ID: 'client',
  AZURE_CLIENT_SECRET: 'secret',
  ESCALATION_CONTACTS: '[{"label":"Duty DS","name":"DS Test","phone":"101 ext 1"}]',
};

describe('where discussions are held (CONFERENCE_MODE, AGENDA_LEAD_MINUTES, TEAMS_APP_CATALOG_ID)', () => {
  it('defaults to the conference line, the agenda 5 minutes ahead', () => {
    expect(loadConfig({}).discussion).toEqual({ mode: 'dial-in', agendaLeadMinutes: 5 });
    expect(loadConfig({ CONFERENCE_MODE: ' ', AGENDA_LEAD_MINUTES: '' }).discussion).toEqual({ mode: 'dial-in', agendaLeadMinutes: 5 });
  });

  it('reads the lead time, 0 to 240 minutes, naming the variable when it is not one', () => {
    expect(loadConfig({ AGENDA_LEAD_MINUTES: '0' }).discussion.agendaLeadMinutes).toBe(0);
    expect(loadConfig({ AGENDA_LEAD_MINUTES: '15' }).discussion.agendaLeadMinutes).toBe(15);
    expect(() => loadConfig({ AGENDA_LEAD_MINUTES: 'five' })).toThrow(/^config: AGENDA_LEAD_MINUTES must be a whole number from 0 to 240/);
    expect(() => loadConfig({ AGENDA_LEAD_MINUTES: '-5' })).toThrow(/^config: AGENDA_LEAD_MINUTES /);
    expect(() => loadConfig({ AGENDA_LEAD_MINUTES: '241' })).toThrow(/^config: AGENDA_LEAD_MINUTES /);
  });

  it('refuses a mode it does not know, naming CONFERENCE_MODE', () => {
    expect(() => loadConfig({ CONFERENCE_MODE: 'zoom' })).toThrow('config: CONFERENCE_MODE must be "dial-in" or "teams", not "zoom"');
  });

  it('takes Teams meeting mode with the Graph calendar and the app catalog id', () => {
    const config = loadConfig({ ...graph, CONFERENCE_MODE: 'teams', TEAMS_APP_CATALOG_ID: 'e3e29acb-8c79-412b-b746-e6c39ff4cd22' });
    expect(config.discussion).toEqual({ mode: 'teams', agendaLeadMinutes: 5, teamsAppCatalogId: 'e3e29acb-8c79-412b-b746-e6c39ff4cd22' });
  });

  it('refuses Teams meeting mode on the local calendar at start-up, naming CONFERENCE_MODE', () => {
    expect(() => loadConfig({ CONFERENCE_MODE: 'teams', TEAMS_APP_CATALOG_ID: 'app' })).toThrow(/^config: CONFERENCE_MODE is "teams", which needs CALENDAR_BACKEND=graph/);
  });

  it('refuses Teams meeting mode without the app catalog id, naming TEAMS_APP_CATALOG_ID', () => {
    expect(() => loadConfig({ ...graph, CONFERENCE_MODE: 'teams' })).toThrow(/^config: TEAMS_APP_CATALOG_ID is required when CONFERENCE_MODE=teams/);
  });

  it('ignores TEAMS_APP_CATALOG_ID on the conference line', () => {
    expect(loadConfig({ ...graph, TEAMS_APP_CATALOG_ID: 'app' }).discussion).toEqual({ mode: 'dial-in', agendaLeadMinutes: 5 });
  });
});
