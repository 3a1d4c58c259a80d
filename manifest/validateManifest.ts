import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';

/** One schema violation: the JSON pointer of the offending field and what is wrong with it. */
export interface ManifestProblem {
  readonly pointer: string;
  readonly message: string;
}

const packageRoot = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));

/** The bundled JSON schema for a Teams manifest version, or undefined if the package lacks it. */
export function bundledSchemaPath(manifestVersion: string): string | undefined {
  const path = join(packageRoot, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, 'MicrosoftTeams.schema.json');
  return existsSync(path) ? path : undefined;
}

// The library reports `${instancePath} ${message}. Details: ${JSON.stringify(params)}`
// (generated-types/index.js, validateAgainstSchema). A missing or extra property is reported on
// its parent; point at the property itself so the message names the field.
function toProblem(line: string): ManifestProblem {
  const [head = line, details] = line.split('. Details: ');
  const space = head.indexOf(' ');
  const instancePath = space < 0 ? '' : head.slice(0, space);
  const message = space < 0 ? head : head.slice(space + 1);
  let params: { missingProperty?: string; additionalProperty?: string } = {};
  try {
    params = details ? JSON.parse(details) : {};
  } catch {
    // params are only a refinement; the instance path alone still names the field
  }
  const property = params.missingProperty ?? params.additionalProperty;
  const escaped = property?.replace(/~/g, '~0').replace(/\//g, '~1');
  return { pointer: escaped === undefined ? instancePath || '/' : `${instancePath}/${escaped}`, message };
}

/**
 * Validates a Teams app manifest offline against the JSON schema bundled in
 * `@microsoft/app-manifest` for its `manifestVersion`: the schema is read from disk and handed to
 * the library, so it never falls back to fetching the `$schema` URL.
 * @returns the problems found; empty when the manifest is valid
 * @example
 * await validateManifest({ manifestVersion: '1.30' }) //=> [{ pointer: '/version', message: "must have required property 'version'" }, ...]
 */
export async function validateManifest(manifest: unknown): Promise<ManifestProblem[]> {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) return [{ pointer: '/', message: 'must be a JSON object' }];
  const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
  const schemaPath = typeof version === 'string' ? bundledSchemaPath(version) : undefined;
  if (!schemaPath) return [{ pointer: '/manifestVersion', message: `${JSON.stringify(version)} has no schema bundled in @microsoft/app-manifest` }];
  const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
  const lines = await AppManifestUtils.validateAgainstSchema(manifest as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0], schema);
  return lines.map(toProblem);
}
