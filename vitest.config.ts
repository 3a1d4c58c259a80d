import { defineConfig } from 'vitest/config';
import { DurationSequencer } from './test/durationSequencer.js';

// The suite runs twice for time-sensitive code: once with the process in UTC and once in a US
// zone, so nothing can lean on the server's TZ (Europe/London enters only in londonTime.ts).
export default defineConfig({
  test: {
    // Forks, not threads: NODE_EXTRA_CA_CERTS (set in globalSetup) is read only when a process starts.
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: one worker on the 2-core test machine,
    // which then sits idle while a test waits on a child process, a socket or the PostgreSQL server.
    maxWorkers: 2,
    // One worker process runs many files, one after another, keeping what it has imported
    // (botbuilder, the Graph client, PGlite's WebAssembly) and its pool of emptied stores
    // (test/fakes/reusedPglite.ts). A new process for each of the 230 files cost about 190 of the
    // suite's 544 CPU-seconds (README, development). No test mocks a module, changes process.env
    // or installs fake timers; each opens and closes what it uses.
    isolate: false,
    globalSetup: ['test/globalSetup.ts'],
    // Longest files first, from vitest's cache or, in a clean clone, test/fileDurations.json.
    sequence: { sequencer: DurationSequencer },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        // The browser tests (Chromium driving the Agents Playground against the real bot) run here
        // too, with their longer limits set in the files (test/browser/browserTimeouts.ts): a
        // project of their own cost two more worker processes.
        test: { name: 'utc', include: ['test/**/*.test.ts'], env: { TZ: 'UTC' } },
      },
      {
        extends: true,
        test: {
          name: 'los-angeles',
          include: ['test/scheduling/rules/**/*.test.ts', 'test/scheduling/services/**/*.test.ts'],
          env: { TZ: 'America/Los_Angeles' },
        },
      },
    ],
  },
});
