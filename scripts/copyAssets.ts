/**
 * The second half of `npm run build` (after `tsc -p tsconfig.build.json`): copies what the
 * compiled code reads at run time by path and tsc does not emit - the migrations' SQL and the
 * rota files - into dist/, beside the JavaScript that reads them.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');
const folders = ['app', 'bot', 'cards', 'scheduling'];

function copyFrom(dir: string): number {
  let copied = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copied += copyFrom(path);
    else if (/\.(sql|json)$/.test(entry.name)) {
      const target = join(root, 'dist', relative(root, path));
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(path, target);
      copied++;
    }
  }
  return copied;
}

const copied = folders.reduce((n, folder) => n + copyFrom(join(root, folder)), 0);
console.log(`build: copied ${copied} SQL and JSON files into dist/`);
