/** Small helpers so parser tests read "source in, tree or diagnostics out". */
import { expect } from 'vitest';
import type { Document, Expr, Statement } from '../../../language/ast.ts';
import type { Locale } from '../../../language/diagnostic.ts';
import { parse } from '../../../language/parse.ts';
import { withoutRanges } from './without-ranges.ts';

/** Parses and fails the test on any diagnostic. */
export function parseClean(source: string): Document {
  const { document, diagnostics } = parse(source);
  expect(
    diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`),
  ).toEqual([]);
  return document;
}

/** The statements of a flow whose body is `lines` (each indented under `flow "t"`). */
export function statements(...lines: string[]): Statement[] {
  const document = parseClean(`flow "t"\n${lines.map((l) => `  ${l}`).join('\n')}\n`);
  const flow = document.declarations[0];
  if (flow?.kind !== 'Flow') throw new Error('no flow');
  return flow.body;
}

/** The single statement of a flow, without ranges. */
export function statement(...lines: string[]): unknown {
  const list = statements(...lines);
  expect(list).toHaveLength(1);
  return withoutRanges(list[0]);
}

/** An expression (the value of `let x = …`), without ranges. */
export function expr(text: string): unknown {
  return withoutRanges(exprWithRanges(text));
}

export function exprWithRanges(text: string): Expr {
  const [first] = statements(`let x = ${text}`);
  if (first?.kind !== 'Let') throw new Error('not a let');
  return first.value;
}

/** `code line:column message` of each diagnostic. */
export function problems(source: string, locale: Locale = 'en'): string[] {
  return parse(source, { locale }).diagnostics.map(
    (d) => `${d.code} ${d.range.start.line}:${d.range.start.column} ${d.message}`,
  );
}

/** The text a range covers. */
export function textOf(
  source: string,
  range: { start: { offset: number }; end: { offset: number } },
): string {
  return source.slice(range.start.offset, range.end.offset);
}
