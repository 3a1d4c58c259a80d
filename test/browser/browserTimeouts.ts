/**
 * The browser tests' time limits. They run in the `utc` project's workers beside every other
 * test (a project of their own cost two more worker processes, each loading the bot, PGlite and
 * Playwright again), so they set their longer limits here rather than in vitest.config.ts: a
 * Playground session starts a bot, the playground and Chromium, and a person's typing waits for
 * each reply.
 */

/** Options for a browser file's `describe`: each test may take two minutes. */
export const inBrowser = { timeout: 120_000 } as const;

/** For `beforeAll`/`afterAll` that start or stop a session (bot, playground, Chromium). */
export const sessionTimeout = 180_000;
