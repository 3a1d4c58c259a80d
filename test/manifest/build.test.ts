import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { commands as botCommands, parseCommand } from '../../bot/commands.js';
import { nodeArgs } from '../childBuild.js';
import { readPng } from './readPng.js';
import { readZip } from './readZip.js';

const root = resolve(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');
const template = join(root, 'manifest', 'manifest.template.json');
const work = mkdtempSync(join(tmpdir(), 'sd-manifest-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const appId = '6b2c1a3e-8d4f-4c1b-9a7e-2f0d5c8b1e47';
const settings = { MicrosoftAppId: appId, BOT_DOMAIN: 'strategy-desk.example.org' };
// The manifest's command menus mirror what the bot understands (bot/commands.ts).
const commands = botCommands.map((c) => c.command);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `npm run manifest`'s script with only the given settings in the environment: under tsx,
 * as `npm run manifest` runs it, for the shipped build; the other cases run the same script from
 * the suite's transpiled copy (test/childBuild.ts), which starts in a fraction of tsx's time.
 */
function build(args: readonly string[], env: Record<string, string>, runner: 'tsx' | 'copy' = 'copy'): Promise<Run> {
  const { MicrosoftAppId, BOT_DOMAIN, TEAMS_APP_ID, MANIFEST_TEMPLATE, ...base } = process.env;
  const [command, script] = runner === 'tsx' ? [tsx, [join(root, 'manifest', 'build.ts')]] : [process.execPath, nodeArgs('manifest/build.ts')];
  return new Promise((done) => {
    execFile(command, [...script, ...args], { cwd: root, env: { ...base, ...env } }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A copy of the shipped template with one change, for the build to reject. */
function brokenCopy(name: string, breakIt: (manifest: any) => void): string {
  const manifest = JSON.parse(readFileSync(template, 'utf8'));
  breakIt(manifest);
  const path = join(work, `${name}.json`);
  writeFileSync(path, JSON.stringify(manifest));
  return path;
}

describe('npm run manifest', () => {
  const zipPath = join(work, 'strategy-desk.zip');
  let built: Promise<{ run: Run; files: Map<string, Buffer> }> | undefined;
  const shipped = () =>
    (built ??= build(['--out', zipPath], settings, 'tsx').then((run) => ({ run, files: run.code === 0 ? readZip(readFileSync(zipPath)) : new Map() })));

  it('builds the shipped manifest and exits 0', async () => {
    const { run } = await shipped();
    expect(run.stderr).not.toMatch(/manifest\.json/);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('strategy-desk.zip');
  });

  it('packages exactly manifest.json and the two icons it names', async () => {
    const { files } = await shipped();
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect([...files.keys()].sort()).toEqual(['manifest.json', manifest.icons.color, manifest.icons.outline].sort());
  });

  it('takes the bot id from MicrosoftAppId and the version from package.json', async () => {
    const { files } = await shipped();
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(manifest.bots[0].botId).toBe(appId);
    expect(manifest.id).toBe(appId);
    expect(manifest.version).toBe(pkg.version);
    expect(manifest.validDomains).toEqual(['strategy-desk.example.org']);
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it("names the bot's Entra app in webApplicationInfo, which Graph checks when the bot installs itself into a meeting chat", async () => {
    const { files } = await shipped();
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    expect(manifest.webApplicationInfo).toEqual({ id: appId, resource: `api://strategy-desk.example.org/${appId}` });
  });

  it('offers the bot in personal chats, teams and group chats with the same commands in each', async () => {
    const { files } = await shipped();
    const [bot] = JSON.parse(files.get('manifest.json')!.toString('utf8')).bots;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const scope of bot.scopes) {
      const lists = bot.commandLists.filter((list: { scopes: string[] }) => list.scopes.includes(scope));
      expect(lists, scope).toHaveLength(1);
      expect(lists[0].commands.map((c: { title: string }) => c.title)).toEqual(commands);
    }
    for (const { title } of bot.commandLists[0].commands) expect(parseCommand(title).kind, title).not.toBe('unknown');
  });

  it('draws a 192 x 192 colour icon with no transparency', async () => {
    const { files } = await shipped();
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    const icon = readPng(files.get(manifest.icons.color)!);
    expect([icon.width, icon.height, icon.bitDepth, icon.colourType]).toEqual([192, 192, 8, 6]);
    const alphas = new Set(icon.pixels.filter((_, i) => i % 4 === 3));
    expect([...alphas]).toEqual([255]);
  });

  it('draws a 32 x 32 outline icon in white on a transparent background', async () => {
    const { files } = await shipped();
    const manifest = JSON.parse(files.get('manifest.json')!.toString('utf8'));
    const icon = readPng(files.get(manifest.icons.outline)!);
    expect([icon.width, icon.height, icon.bitDepth, icon.colourType]).toEqual([32, 32, 8, 6]);
    let drawn = 0;
    let clear = 0;
    for (let i = 0; i < icon.pixels.length; i += 4) {
      const [r, g, b, a] = icon.pixels.subarray(i, i + 4);
      if (a === 0) clear++;
      else {
        expect([r, g, b], `pixel ${i / 4}`).toEqual([255, 255, 255]);
        drawn++;
      }
    }
    expect(drawn).toBeGreaterThan(32); // an outline, not a blank square
    expect(clear).toBeGreaterThan(drawn); // and mostly see-through
    expect([...icon.pixels.subarray(0, 4)]).toEqual([0, 0, 0, 0]); // the corner is background
  });

  it('fails in one line naming MicrosoftAppId when it is missing', async () => {
    const run = await build(['--out', join(work, 'none.zip')], { BOT_DOMAIN: settings.BOT_DOMAIN });
    expect(run.code).not.toBe(0);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^MicrosoftAppId is not set/);
  });

  it('fails naming MicrosoftAppId when it is not a GUID', async () => {
    const run = await build(['--out', join(work, 'none.zip')], { ...settings, MicrosoftAppId: 'strategy-desk' });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/^MicrosoftAppId must be .*GUID, got "strategy-desk"/);
  });

  it('builds with placeholders under --dev when nothing is set', async () => {
    const run = await build(['--dev', '--out', join(work, 'dev.zip')], {});
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const manifest = JSON.parse(readZip(readFileSync(join(work, 'dev.zip'))).get('manifest.json')!.toString('utf8'));
    expect(manifest.bots[0].botId).toBe('00000000-0000-0000-0000-000000000000');
  });

  it.each([
    ['a bot without botId', (m: any) => delete m.bots[0].botId, '/bots/0/botId'],
    ['a scope Teams does not know', (m: any) => (m.bots[0].scopes[1] = 'channel'), '/bots/0/scopes/1'],
    ['a field the schema does not allow', (m: any) => (m.bots[0].commands = []), '/bots/0/commands'],
    ['a short description over 80 characters', (m: any) => (m.description.short = 'x'.repeat(81)), '/description/short'],
    ['a manifest version with no bundled schema', (m: any) => (m.manifestVersion = '0.9'), '/manifestVersion'],
  ])('rejects %s, naming the field', async (name, breakIt, pointer) => {
    const path = brokenCopy(name.replace(/\W+/g, '-'), breakIt);
    const out = join(work, 'broken.zip');
    const run = await build(['--manifest', path, '--out', out], settings);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`manifest.json ${pointer}:`);
  });

  it('also takes the manifest to check from MANIFEST_TEMPLATE', async () => {
    const path = brokenCopy('env-broken', (m) => delete m.bots[0].scopes);
    const run = await build(['--out', join(work, 'broken.zip')], { ...settings, MANIFEST_TEMPLATE: path });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('manifest.json /bots/0/scopes:');
  });
});
