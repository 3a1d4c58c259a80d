/** The shared Strategy Meeting mailbox the tests' desks use (give it to `new FakeGraph({ mailbox })`). */
export const testMailbox = 'strategy.meetings@council.example.org';

/** Escalation contacts for a Graph-mode desk (production refuses to start without them). */
export const testEscalationContacts = JSON.stringify([{ label: 'Duty DS', name: 'DS Test', phone: '101 ext 111111' }]);

/** The environment that points Strategy Desk at a fake Graph (in this process or another). */
export function graphEnv(fake: { graphBaseUrl: string; authorityHost: string; caFile: string }): Record<string, string> {
  return {
    CALENDAR_BACKEND: 'graph',
    CALENDAR_MAILBOX: testMailbox,
    GRAPH_BASE_URL: fake.graphBaseUrl,
    AZURE_AUTHORITY_HOST: fake.authorityHost,
    AZURE_TENANT_ID: '11111111-2222-3333-4444-555555555555',
    AZURE_CLIENT_ID: '66666666-7777-8888-9999-000000000000',
    AZURE_CLIENT_SECRET: 'test-secret',
    NODE_EXTRA_CA_CERTS: fake.caFile,
    ESCALATION_CONTACTS: testEscalationContacts,
  };
}
