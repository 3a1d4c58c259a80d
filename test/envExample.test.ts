import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Source files that read configuration from the environment. */
const roots = ['app', 'bot', 'manifest', 'scripts/dev.ts', 'scripts/agentsPlayground.ts'];
const notSettings = new Set(['USER', 'LOGNAME', 'NODE_EXTRA_CA_CERTS', 'NODE_ENV', 'TZ']);

function files(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => files(join(path, name))).filter((f) => f.endsWith('.ts'));
}

describe('.env.example', () => {
  it('documents every variable the code reads', () => {
    const used = new Set<string>();
    for (const file of roots.flatMap(files)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\benv\.([A-Za-z_][A-Za-z0-9_]*)|\benv\[['"]([A-Za-z_][A-Za-z0-9_]*)['"]\]/g)) used.add((m[1] ?? m[2])!);
    }
    const documented = readFileSync('.env.example', 'utf8');
    const missing = [...used].filter((name) => !notSettings.has(name) && !new RegExp(`^#? ?${name}=`, 'm').test(documented));
    expect(used.size).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
