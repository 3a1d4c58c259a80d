import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const config = `${root}.dependency-cruiser.cjs`;
const depcruise = `${root}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;

/** Runs the project's dependency rule over `dirs` (relative to `cwd`); gives its exit code and report. */
function cruise(cwd: string, dirs: readonly string[]): Promise<{ code: number; report: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [depcruise, '--config', config, '--output-type', 'err', ...dirs], { cwd, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, report: `${stdout}${stderr}` });
    });
  });
}

describe('the dependency rule (.dependency-cruiser.cjs)', () => {
  it('holds for the source tree', async () => {
    const { code, report } = await cruise(root, ['app', 'bot', 'cards', 'scheduling', 'scripts', 'manifest']);
    expect(report).toContain('no dependency violations found');
    expect(code).toBe(0);
  });

  it('fails on a deliberately wrong tree, naming each broken rule and the import', async () => {
    const { code, report } = await cruise(`${root}test/fixtures/architecture/wrong`, ['scheduling', 'cards', 'app']);
    expect(code).not.toBe(0);
    expect(report).toContain('rules-import-no-port-or-adapter: scheduling/rules/isKnown.ts → scheduling/ports/RequestStore.ts');
    expect(report).toContain('cards-read-no-config: cards/badCard.ts → app/config.ts');
  });
});
