/**
 * Renders a sample discussion record to PNG for a person to look at: builds the Word document
 * with the docx adapter from the test fixtures (invented names), converts it to PDF with
 * LibreOffice headless, and the PDF's pages to PNG with pdftoppm (Debian: libreoffice-writer-nogui
 * and poppler-utils). Not part of `npm test`.
 *
 *   npm run record:png -- [--kind summary|record] [--big] [--out <folder>] [--dpi <n>]
 *
 * Writes <folder>/<file name>.docx, .pdf and -<page>.png (default folder: test/.artifacts/record)
 * and prints the files it wrote, one a line. Exit 2 with one line when a tool is missing or an
 * option is wrong.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { DocxRecordDocuments } from '../scheduling/adapters/docx/DocxRecordDocuments.js';
import type { RecordDocumentKind } from '../scheduling/ports/RecordDocuments.js';
import { bigDiscussionPlan, discussionPlan } from '../test/fixtures/discussionPlan.js';

function fail(message: string): never {
  process.stderr.write(`record:png: ${message}\n`);
  process.exit(2);
}

function has(command: string): boolean {
  return !spawnSync(command, ['--version'], { stdio: 'ignore' }).error;
}

function run(command: string, args: readonly string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error || result.status !== 0) fail(`${command} failed (exit ${result.status ?? result.error?.message}): ${(result.stderr || result.stdout || '').trim().split('\n').pop() ?? ''}`);
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({ options: { kind: { type: 'string', default: 'summary' }, big: { type: 'boolean', default: false }, out: { type: 'string', default: 'test/.artifacts/record' }, dpi: { type: 'string', default: '80' } } }));
  } catch (error) {
    fail((error as Error).message);
  }
  const kind = values.kind as RecordDocumentKind;
  if (kind !== 'summary' && kind !== 'record') fail(`--kind must be summary or record, not ${JSON.stringify(values.kind)}`);
  const dpi = Number(values.dpi);
  if (!Number.isInteger(dpi) || dpi < 30 || dpi > 300) fail(`--dpi must be a whole number from 30 to 300, not ${JSON.stringify(values.dpi)}`);
  const office = ['libreoffice', 'soffice'].find(has);
  if (!office) fail('LibreOffice is not installed (no libreoffice or soffice on PATH): apt-get install -y libreoffice-writer-nogui poppler-utils');
  if (!has('pdftoppm')) fail('pdftoppm is not installed: apt-get install -y poppler-utils');

  const plan = values.big ? bigDiscussionPlan({ state: 'final', finalisedAt: new Date('2026-11-25T10:31:00Z'), finalisedBy: { id: 'aad-tm-1', name: 'A. Jones' } }) : discussionPlan({ state: 'final', finalisedAt: new Date('2026-11-25T10:31:00Z'), finalisedBy: { id: 'aad-tm-1', name: 'A. Jones' } });
  const document = await new DocxRecordDocuments().build(plan, kind);

  const out = resolve(values.out);
  mkdirSync(out, { recursive: true });
  const docx = join(out, document.fileName);
  writeFileSync(docx, document.content);
  // A profile of its own, so a LibreOffice already running (or another render) does not swallow the conversion.
  const profile = mkdtempSync(join(tmpdir(), 'record-png-lo-'));
  try {
    run(office, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--convert-to', 'pdf', '--outdir', out, docx]);
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const pdf = docx.replace(/\.docx$/, '.pdf');
  const stem = docx.replace(/\.docx$/, '');
  for (const old of readdirSync(out).filter((f) => f.startsWith(`${basename(stem)}-`) && f.endsWith('.png'))) rmSync(join(out, old));
  run('pdftoppm', ['-png', '-r', String(dpi), pdf, stem]);
  const pngs = readdirSync(out).filter((f) => f.startsWith(`${basename(stem)}-`) && f.endsWith('.png')).sort();
  process.stdout.write([docx, pdf, ...pngs.map((f) => join(out, f))].join('\n') + '\n');
}

await main();
