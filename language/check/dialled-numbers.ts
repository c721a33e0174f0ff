/**
 * CF604: a dialled number (DNIS) may start only one flow in a workspace. Within one file the
 * headers check reports it; across the files of a workspace `checkWorkspaceFlows` does.
 */
import type { Document, StringLit } from '../ast.ts';
import type { Diagnostic, Locale } from '../diagnostic.ts';
import { diagnostic } from '../messages.ts';

export interface FlowFile {
  /** Path as it should appear in messages (usually relative). */
  file: string;
  document: Document;
}

export interface FileDiagnostics {
  file: string;
  diagnostics: Diagnostic[];
}

export interface DuplicateNumber {
  file: string;
  number: StringLit;
  first: { file: string; flow: string; number: StringLit };
}

/** Spaces, dashes and brackets are how people write numbers, not part of them. */
function normalize(number: string): string {
  return number.replace(/[\s\-()]/g, '');
}

export function findDuplicateNumbers(files: FlowFile[]): DuplicateNumber[] {
  const first = new Map<string, DuplicateNumber['first']>();
  const found: DuplicateNumber[] = [];
  for (const { file, document } of files) {
    for (const decl of document.declarations) {
      if (decl.kind !== 'Flow') continue;
      for (const clause of decl.header) {
        if (clause.kind !== 'Answers') continue;
        for (const number of clause.numbers) {
          const key = normalize(number.value);
          const earlier = first.get(key);
          if (earlier) found.push({ file, number, first: earlier });
          else first.set(key, { file, flow: decl.name.value, number });
        }
      }
    }
  }
  return found;
}

/** Numbers answered by flows in different files of one workspace; one entry per file with findings. */
export function checkWorkspaceFlows(files: FlowFile[], options: { locale?: Locale } = {}): FileDiagnostics[] {
  const byFile = new Map<string, Diagnostic[]>();
  for (const dup of findDuplicateNumbers(files)) {
    if (dup.first.file === dup.file) continue; // reported by check() on the file itself
    const args = { number: dup.number.value, flow: dup.first.flow, file: dup.first.file };
    const list = byFile.get(dup.file) ?? [];
    list.push(diagnostic('CF604', dup.number.range, args, options.locale));
    byFile.set(dup.file, list);
  }
  return [...byFile].map(([file, diagnostics]) => ({ file, diagnostics }));
}
