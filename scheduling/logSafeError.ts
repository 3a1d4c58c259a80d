import { DeskError, InvalidPlanChangeError, InvalidRequestError } from './services/errors.js';

/** Quoted text in an error message: where libraries put the values they were given. */
const QUOTED = /"[^"]*"|'[^']*'|\u201c[^\u201d]*\u201d|\u2018[^\u2019]*\u2019|`[^`]*`/g;

/**
 * What of an error may go into a log line. Logs must never hold a child's name, and an error's
 * message can quote what a user typed (a surname typed into the N-number field) or what we sent
 * (a calendar subject in a Graph error). So: an invalid request logs the names of its bad fields
 * only; our own errors keep their message (they are written never to carry a name, errors.ts);
 * anything else keeps its name, codes and a message with every quoted value blanked out.
 */
export function logSafeError(error: unknown): Record<string, unknown> {
  if (error instanceof InvalidRequestError || error instanceof InvalidPlanChangeError) return { name: error.name, code: error.code, fields: Object.keys(error.fields) };
  if (error instanceof DeskError) return { name: error.name, code: error.code, message: error.message };
  if (!(error instanceof Error)) return { name: typeof error };
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  return {
    name: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
    message: error.message.replace(QUOTED, '[value]').slice(0, 300),
  };
}
