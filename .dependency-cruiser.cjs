// The dependency rule of Strategy Desk (README, "Layout"): arrows point down only -
// edges (bot/, app/, scripts/) -> the desk -> services -> rules and ports -> model.
// `npm test` runs this over the source tree (test/architecture/dependencyRule.test.ts); a
// violation fails the suite naming the rule. Paths are matched from the folder the check runs in.

/** Libraries that talk to the outside world: only adapters, the bot and the wiring may use them. */
const sdks = '^(botbuilder|botframework-[^/]+|restify|pg|pg-boss|@electric-sql/[^/]+|@microsoft/[^/]+|@azure/[^/]+|pino|adaptivecards[^/]*|jsdom)($|/)';
/** Node's own I/O modules: not in the pure floors. */
const nodeIo = '^(node:)?(fs|fs/promises|net|http|https|child_process|os|dgram|tls|worker_threads|cluster)$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import cycles: each module stands on the ones below it.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'model-imports-nothing-of-ours',
      comment: 'scheduling/model holds the nouns: it imports no rule, port, service, adapter or edge.',
      severity: 'error',
      from: { path: '(^|/)scheduling/model/' },
      to: { path: '(^|/)(scheduling/(rules|ports|services|adapters)|bot|cards|app)/' },
    },
    {
      name: 'pure-floors-use-no-sdk',
      comment: 'scheduling/model and scheduling/rules use no SDK and no I/O: plain functions of their inputs.',
      severity: 'error',
      from: { path: '(^|/)scheduling/(model|rules)/' },
      to: { path: [sdks, nodeIo], dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core'] },
    },
    {
      name: 'rules-import-no-port-or-adapter',
      comment: 'A rule is a plain function: it imports the model and other rules, never a port, a service or an adapter.',
      severity: 'error',
      from: { path: '(^|/)scheduling/rules/' },
      to: { path: '(^|/)scheduling/(ports|services|adapters)/' },
    },
    {
      name: 'services-use-model-rules-ports-only',
      comment: 'Services use the model, the rules and the ports (and each other); never an adapter, an SDK, the wiring or an edge.',
      severity: 'error',
      from: { path: '(^|/)scheduling/services/' },
      to: { path: ['(^|/)scheduling/adapters/', '(^|/)(bot|cards|app)/', sdks, nodeIo] },
    },
    {
      name: 'ports-use-model-only',
      comment: 'A port names what the domain needs in the model\'s words: it imports the model only.',
      severity: 'error',
      from: { path: '(^|/)scheduling/ports/' },
      to: { path: ['(^|/)scheduling/(rules|services|adapters)/', '(^|/)(bot|cards|app)/', sdks] },
    },
    {
      name: 'domain-never-imports-edges',
      comment: 'Nothing in scheduling/ knows the bot, the cards or the wiring.',
      severity: 'error',
      from: { path: '(^|/)scheduling/' },
      to: { path: '(^|/)(bot|cards|app)/' },
    },
    {
      name: 'bot-uses-no-adapter-or-store',
      comment: 'bot/ talks to the desk only: no adapter, no store port, no SQL.',
      severity: 'error',
      from: { path: '(^|/)bot/' },
      to: { path: ['(^|/)scheduling/adapters/', '(^|/)scheduling/ports/[^/]*(Store|Ledger|Log)\\.ts$', '^(pg|@electric-sql/[^/]+|pg-boss)($|/)'] },
    },
    {
      name: 'cards-read-no-config',
      comment: 'cards/ turn data into cards: no configuration, no secrets, no adapter, no service.',
      severity: 'error',
      from: { path: '(^|/)cards/' },
      to: { path: ['(^|/)app/', '(^|/)scheduling/(adapters|services)/', '(^|/)config/'] },
    },
    {
      name: 'adapters-only-from-the-wiring',
      comment: 'Only app/ (the composition root) chooses and builds adapters; the domain, the bot and the cards never import one.',
      severity: 'error',
      from: { path: '(^|/)(scheduling|bot|cards)/', pathNot: '(^|/)scheduling/adapters/' },
      to: { path: '(^|/)scheduling/adapters/' },
    },
    {
      name: 'app-is-the-top',
      comment: 'app/ (configuration with its secrets, the wiring, the entry points) is imported by nothing in the product: the domain, the bot and the cards get what they need handed to them.',
      severity: 'error',
      from: { path: '(^|/)(scheduling|bot|cards|manifest)/' },
      to: { path: '(^|/)app/' },
    },
    {
      name: 'sdks-only-at-the-edges',
      comment: 'Graph, the databases, botbuilder and restify are used only in adapters, bot/ and app/.',
      severity: 'error',
      from: { path: '(^|/)(scheduling|cards)/', pathNot: '(^|/)scheduling/adapters/' },
      to: { path: '^(botbuilder|botframework-[^/]+|restify|pg|pg-boss|@electric-sql/[^/]+|@microsoft/microsoft-graph-client|@azure/[^/]+)($|/)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|test|dist|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json', '.d.ts'] },
  },
};
