import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Reads a Word document back the way a person's tools would: it is a zip, and `unzip -p` gives
 * each part. `unzip` is on every machine the suite runs on (CI installs it); without it the
 * reading fails loudly rather than passing.
 */
export function docxPart(content: Uint8Array, part: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'docx-read-'));
  try {
    const file = join(dir, 'document.docx');
    writeFileSync(file, content);
    const result = spawnSync('unzip', ['-p', file, part], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (result.error) throw new Error(`unzip could not run (install it: apt-get install -y unzip): ${result.error.message}`);
    if (result.status !== 0) throw new Error(`unzip -p ${part} exited ${result.status}: ${result.stderr.trim()}`);
    return result.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The names of the parts in a document (`unzip -Z1`). */
export function docxParts(content: Uint8Array): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'docx-read-'));
  try {
    const file = join(dir, 'document.docx');
    writeFileSync(file, content);
    const result = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' });
    if (result.error || result.status !== 0) throw new Error(`unzip -Z1 failed: ${result.error?.message ?? result.stderr.trim()}`);
    return result.stdout.split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (text: string) => text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (all, name: string) => (name.startsWith('#x') || name.startsWith('#X') ? String.fromCodePoint(parseInt(name.slice(2), 16)) : name.startsWith('#') ? String.fromCodePoint(Number(name.slice(1))) : (entities[name] ?? all)));

/**
 * The text of `word/document.xml`, one paragraph a line (a line break inside a paragraph is a
 * newline too), XML entities decoded: what a reader sees, in document order.
 */
export function docxParagraphs(documentXml: string): string[] {
  const paragraphs = documentXml.match(/<w:p[ >][\s\S]*?<\/w:p>/g) ?? [];
  return paragraphs.map((p) =>
    [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\s*\/>|<w:t\s*\/>/g)]
      .map((m) => (m[0].startsWith('<w:br') ? '\n' : decode(m[1] ?? '')))
      .join(''),
  );
}
