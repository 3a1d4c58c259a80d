import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRotaFile, exampleEscalationContacts, loadConfig } from '../../app/config.js';

const tmp = mkdtempSync(join(tmpdir(), 'sd-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
function file(name: string, text: string): string {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
}

describe('loadConfig', () => {
  it('runs on the embedded defaults with no variables at all', () => {
    const config = loadConfig({});
    expect(config.calendar.backend).toBe('local');
    expect(config.port).toBe(3978);
    expect(config.rota.area).toBe('Northamptonshire');
    expect(config.rota.conferenceWeekdays).toEqual([1, 3, 5]);
    expect(config.nNumberPattern.test('N146782')).toBe(true);
    expect(config.escalationContacts).toEqual(exampleEscalationContacts);
    expect(config.escalationContacts.every((c) => c.label.startsWith('EXAMPLE ONLY'))).toBe(true);
    expect(config.minutesDue).toEqual({ kind: 'hours', hours: 24 });
    expect(config.policeContactMinutes).toBe(60);
  });

  it("takes the record's due time from the rota file unless MINUTES_DUE overrides it", () => {
    const rota = { ...JSON.parse(readFileSync(defaultRotaFile, 'utf8')), minutesDue: '5wd' };
    const rotaFile = file('rota-5wd.json', JSON.stringify(rota));
    expect(loadConfig({ ROTA_FILE: rotaFile }).minutesDue).toEqual({ kind: 'workingDays', days: 5 });
    expect(loadConfig({ ROTA_FILE: rotaFile, MINUTES_DUE: '1wd' }).minutesDue).toEqual({ kind: 'workingDays', days: 1 });
    const { minutesDue: _, ...withoutSetting } = rota;
    expect(loadConfig({ ROTA_FILE: file('rota-unset.json', JSON.stringify(withoutSetting)) }).minutesDue).toEqual({ kind: 'hours', hours: 24 });
    expect(() => loadConfig({ ROTA_FILE: file('rota-bad.json', JSON.stringify({ ...rota, minutesDue: 'a day' })) })).toThrow(/^config: ROTA_FILE is invalid \(field minutesDue\)/);
  });

  it('reads POLICE_CONTACT_MINUTES and escalation levels', () => {
    const config = loadConfig({
      POLICE_CONTACT_MINUTES: '45',
      ESCALATION_CONTACTS: '[{"label":"Duty DS","name":"DS Test","phone":"101 ext 1","level":1},{"label":"MASH","name":"M","phone":"101 ext 2","level":2}]',
    });
    expect(config.policeContactMinutes).toBe(45);
    expect(config.escalationContacts.map((c) => c.level)).toEqual([1, 2]);
  });

  it('reads escalation contacts, closure days and the minutes rule from the environment', () => {
    const config = loadConfig({
      ESCALATION_CONTACTS: '[{"label":"Duty DS","name":"DS Test","phone":"101 ext 1"}]',
      CLOSURE_DAYS: '2026-12-24, 2026-12-31',
      MINUTES_DUE: '1wd',
    });
    expect(config.escalationContacts).toEqual([{ label: 'Duty DS', name: 'DS Test', phone: '101 ext 1' }]);
    expect(config.closureDays).toEqual(['2026-12-24', '2026-12-31']);
    expect(config.minutesDue).toEqual({ kind: 'workingDays', days: 1 });
  });

  it('reads PUBLIC_URL as an https address without its trailing slash', () => {
    expect(loadConfig({}).publicUrl).toBeUndefined();
    expect(loadConfig({ PUBLIC_URL: 'https://desk.council.example/' }).publicUrl).toBe('https://desk.council.example');
    expect(loadConfig({ PUBLIC_URL: 'https://gateway.council.example/strategy-desk/' }).publicUrl).toBe('https://gateway.council.example/strategy-desk');
  });

  it('takes a blank variable as unset, so its default applies', () => {
    const config = loadConfig({ PORT: '  ', CALENDAR_BACKEND: '', MINUTES_DUE: ' ', N_NUMBER_PATTERN: '' });
    expect(config.port).toBe(3978);
    expect(config.calendar.backend).toBe('local');
    expect(config.minutesDue).toEqual({ kind: 'hours', hours: 24 });
    expect(config.nNumberPattern.source).toBe('^N\\d{6}$');
  });

  it('reads the Graph variables only for the Graph backend, trailing slashes dropped', () => {
    expect(loadConfig({ GRAPH_BASE_URL: 'http://not-read.example' }).graph).toBeUndefined();
    const graph = { CALENDAR_BACKEND: 'graph', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', ESCALATION_CONTACTS: '[{"label":"Duty DS","name":"DS Test","phone":"101 ext 1"}]' };
    expect(loadConfig({ ...graph, GRAPH_BASE_URL: 'https://graph.example/v1.0/' }).graph).toEqual({
      tenantId: 't',
      clientId: 'c',
      clientSecret: 's',
      baseUrl: 'https://graph.example/v1.0',
      authorityHost: 'https://login.microsoftonline.com',
    });
  });

  it('names the first bad variable in one line when several are bad', () => {
    expect(() => loadConfig({ CLOSURE_DAYS: 'soon', PORT: 'eighty' })).toThrow(/^config: CLOSURE_DAYS has "soon", which is not a YYYY-MM-DD date$/);
  });

  const badRota = file('bad-rota.json', JSON.stringify({ area: 'X', conferenceWeekdays: [1], window: { start: '10:00', end: '11:30' }, slotMinutes: 15, longerSlotMinutes: 20, cutOff: '16:00', discussedOn: { 1: 1, 2: 1, 3: 1, 4: 1, 5: 1 }, searchDays: 30 }));
  const notJson = file('not-json.json', '{ nope');

  it.each([
    [{ PORT: 'eighty' }, /^config: PORT must be a whole number/],
    [{ N_NUMBER_PATTERN: '^N(\\d{6}$' }, /^config: N_NUMBER_PATTERN is not a valid regular expression/],
    [{ CLOSURE_DAYS: '2026-13-01' }, /^config: CLOSURE_DAYS has "2026-13-01"/],
    [{ CALENDAR_BACKEND: 'exchange' }, /^config: CALENDAR_BACKEND must be "local" or "graph"/],
    [{ CALENDAR_MAILBOX: 'not-an-address' }, /^config: CALENDAR_MAILBOX is invalid/],
    [{ POLICE_REFERRAL_ADDRESS: 'police at example' }, /^config: POLICE_REFERRAL_ADDRESS is invalid/],
    [{ ESCALATION_CONTACTS: '[{"label":"Duty DS"}]' }, /^config: ESCALATION_CONTACTS is invalid \(field 0\.name\)/],
    [{ ESCALATION_CONTACTS: 'DS Smith 1234' }, /^config: ESCALATION_CONTACTS is not valid JSON/],
    [{ CALENDAR_BACKEND: 'graph' }, /^config: ESCALATION_CONTACTS is required with CALENDAR_BACKEND=graph/],
    [{ CALENDAR_BACKEND: 'graph', ESCALATION_CONTACTS: '[]' }, /^config: ESCALATION_CONTACTS is required with CALENDAR_BACKEND=graph/],
    [{ CALENDAR_BACKEND: 'graph', ESCALATION_CONTACTS: '[{"label":"Duty DS","name":"DS Test","phone":"101 ext 1"}]' }, /^config: AZURE_TENANT_ID is required when CALENDAR_BACKEND=graph/],
    [{ CALENDAR_BACKEND: 'graph', ESCALATION_CONTACTS: '[{"label":"Duty DS","name":"DS Test","phone":"101 ext 1"}]', AZURE_TENANT_ID: 't', AZURE_CLIENT_ID: 'c', AZURE_CLIENT_SECRET: 's', GRAPH_BASE_URL: 'http://graph.local' }, /^config: GRAPH_BASE_URL is invalid.*https/],
    [{ PUBLIC_URL: 'http://desk.council.example' }, /^config: PUBLIC_URL must be the https:\/\/ address/],
    [{ PUBLIC_URL: 'desk.council.example' }, /^config: PUBLIC_URL must be the https:\/\/ address/],
    [{ PUBLIC_URL: 'https://desk.council.example/?a=1' }, /^config: PUBLIC_URL must be the https:\/\/ address/],
    [{ SUBJECT_FORMAT: '{surname} / {manager}' }, /^config: SUBJECT_FORMAT has unknown placeholder \{surname\}/],
    [{ SUBJECT_INCLUDES_SURNAME: 'maybe' }, /^config: SUBJECT_INCLUDES_SURNAME must be true or false/],
    [{ MINUTES_DUE: 'tomorrow' }, /^config: MINUTES_DUE must be hours/],
    [{ POLICE_CONTACT_MINUTES: '0' }, /^config: POLICE_CONTACT_MINUTES must be a whole number from 1 to 1440/],
    [{ ESCALATION_CONTACTS: '[{"label":"Duty DS","name":"A","phone":"101 ext 1","level":1},{"label":"MASH","name":"B","phone":"101 ext 2"}]' }, /^config: ESCALATION_CONTACTS must give every contact a level, or none/],
    [{ DATABASE_URL: 'mysql://x' }, /^config: DATABASE_URL must start with postgres/],
    [{ MicrosoftAppId: 'abc' }, /^config: MicrosoftAppPassword is required/],
    [{ MicrosoftAppType: 'Personal' }, /^config: MicrosoftAppType must be/],
    [{ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p' }, /^config: MicrosoftAppTenantId is required when MicrosoftAppType=SingleTenant/],
    [{ LOG_LEVEL: 'loud' }, /^config: LOG_LEVEL is invalid: /],
    [{ ESCALATION_CONTACTS: '{"label":"Duty DS"}' }, /^config: ESCALATION_CONTACTS is invalid: /],
    [{ ROTA_FILE: '/nonexistent/rota.json' }, /^config: ROTA_FILE cannot be read/],
    [{ ROTA_FILE: notJson }, /^config: ROTA_FILE is not valid JSON/],
    [{ ROTA_FILE: badRota }, /^config: ROTA_FILE is invalid \(field longerSlotMinutes\): must be a multiple of slotMinutes/],
  ])('rejects %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
