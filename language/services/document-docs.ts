/**
 * Markdown for things declared in the document itself (steps and subflows), shared by hover and
 * completion: the declaration line and the first lines of its body, as the author wrote them.
 */
import type { StepDecl, SubflowDecl } from '../ast.ts';
import type { SourceText } from './source-text.ts';

const PREVIEW_LINES = 4;

/** The first lines of a step or subflow, dedented, in a code block. */
export function declarationPreview(node: StepDecl | SubflowDecl, text: SourceText): string {
  const first = node.range.start.line;
  const last = Math.min(node.range.end.line, first + PREVIEW_LINES);
  const lines: string[] = [];
  for (let line = first; line <= last; line++) {
    const content = text.lineText(line);
    if (content.trim() !== '') lines.push(content);
  }
  const more = node.range.end.line > last ? ['…'] : [];
  const indent = Math.min(...lines.map((l) => l.length - l.trimStart().length));
  return ['```callflow', ...lines.map((l) => l.slice(indent)), ...more, '```'].join('\n');
}
