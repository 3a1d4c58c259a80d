/**
 * `npm run manifest [-- --dev] [--manifest <template>] [--out <zip>]`: fills the Teams app
 * manifest template from the environment, validates it offline against the bundled schema,
 * draws the icons and writes the package Teams admin centre accepts.
 * Exit codes: 0 written, 2 bad setting or invalid manifest (one line per problem), 1 anything else.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { fillTemplate } from './fillTemplate.js';
import { colourIcon, outlineIcon } from './icons.js';
import { manifestSettings, SettingError } from './manifestSettings.js';
import { encodePng } from './png/encodePng.js';
import { validateManifest } from './validateManifest.js';
import { writeZip } from './zip/writeZip.js';

const here = dirname(fileURLToPath(import.meta.url));

interface Icons {
  readonly color: string;
  readonly outline: string;
}

function main(): Promise<number> | number {
  const { values: args } = parseArgs({
    options: {
      dev: { type: 'boolean', default: false },
      manifest: { type: 'string', default: process.env.MANIFEST_TEMPLATE || resolve(here, 'manifest.template.json') },
      out: { type: 'string', default: resolve(here, 'build', 'strategy-desk.zip') },
    },
  });
  try {
    const settings = manifestSettings(process.env, { dev: args.dev, packageJson: resolve(here, '..', 'package.json') });
    return build(args.manifest, args.out, { ...settings });
  } catch (error) {
    if (error instanceof SettingError) return fail([error.message]);
    throw error;
  }
}

async function build(templatePath: string, outPath: string, values: Record<string, string>): Promise<number> {
  let template: unknown;
  try {
    template = JSON.parse(readFileSync(templatePath, 'utf8'));
  } catch (error) {
    return fail([`${templatePath}: ${(error as Error).message}`]);
  }
  const manifest = fillTemplate(template, values);
  const problems = await validateManifest(manifest);
  if (problems.length > 0) return fail(problems.map((p) => `manifest.json ${p.pointer}: ${p.message}`));
  const icons = (manifest as { icons: Icons }).icons;
  const zip = writeZip([
    { name: 'manifest.json', data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
    { name: icons.color, data: encodePng(colourIcon()) },
    { name: icons.outline, data: encodePng(outlineIcon()) },
  ]);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, zip);
  console.log(`wrote ${relative(process.cwd(), outPath) || outPath} (Teams app ${values.teamsAppId}, version ${values.version})`);
  return 0;
}

function fail(lines: readonly string[]): number {
  for (const line of lines) console.error(line);
  return 2;
}

Promise.resolve()
  .then(main)
  .then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
