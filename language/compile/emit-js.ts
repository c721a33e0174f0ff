/**
 * Emits `js { ... }` blocks and expressions. The author's code is copied line by line, each line
 * mapped to its own flow line, inside a function whose parameters are copies of the flow's
 * variables (secrets left out); `$.jsBlock` writes the parameters back after a block runs.
 *
 * A syntax error in the author's code must not break the whole script (every other call on the
 * version would fail to load), so the code is parsed here first with the host's `Function`
 * constructor — parsed, never run — and a broken block compiles to a step failure instead.
 */
import type { JsExpr, JsStmt } from '../ast.ts';
import type { CodeWriter } from './code-writer.ts';
import type { Scope } from './ir.ts';
import { jsString } from './js-literal.ts';

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally ' +
    'for function if import in instanceof new null return super switch this throw true try typeof var void ' +
    'while with yield let static implements interface package private protected public await eval arguments ' +
    'undefined NaN Infinity'
  ).split(' '),
);
const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

/** Variables a js block sees: declared, not secret, usable as a JavaScript parameter name. */
export function jsNames(scope: Scope): string[] {
  return scope.vars.filter(
    (name) => !scope.secrets.has(name) && IDENTIFIER.test(name) && !RESERVED.has(name),
  );
}

/**
 * The syntax error in the author's code, or null (also null when the host forbids `Function`).
 * Parsed as strict code, as the script runs: `with` or `010` must not slip through.
 */
export function jsSyntaxError(code: string, expression: boolean): string | null {
  try {
    new Function(`'use strict';\n${expression ? `return (\n${code}\n);` : code}`);
    return null;
  } catch (error) {
    return error instanceof SyntaxError ? error.message : null;
  }
}

/** Normalized lines of the author's code (QuickJS counts only `\n` as a line break). */
function codeLines(code: string): string[] {
  return code.replace(/\r\n?/g, '\n').split('\n');
}

/** Writes the code, marking every run of non-blank text with its flow position. */
function writeCode(w: CodeWriter, node: JsStmt | JsExpr): void {
  const start = node.codeRange.start;
  codeLines(node.code).forEach((text, i) => {
    w.newline();
    const line = start.line + i;
    const firstColumn = i === 0 ? start.column : 1;
    const runs = /\S+/g;
    let at = 0;
    for (let m = runs.exec(text); m; m = runs.exec(text)) {
      w.write(text.slice(at, m.index));
      w.write(m[0], { line, column: firstColumn + m.index, offset: 0 });
      at = m.index + m[0].length;
    }
    w.write(text.slice(at));
  });
  w.newline();
}

function header(names: string[]): [string, string] {
  return [JSON.stringify(names), names.join(', ')];
}

export function emitJsStatement(w: CodeWriter, node: JsStmt, scope: Scope): void {
  const error = jsSyntaxError(node.code, false);
  const loc = node.range.start;
  if (error !== null) {
    w.write(
      `throw $.error("js-syntax", ${jsString(`js: ${error}`)}, { line: ${loc.line}, column: ${loc.column} });`,
      loc,
    );
    return;
  }
  const names = jsNames(scope);
  const [list, params] = header(names);
  // The inner function keeps the author's `return` from skipping the write-back.
  w.write(`$.jsBlock(s, ${list}, function (${params}) { (function () {`, loc);
  writeCode(w, node);
  w.write(`})(); return [${params}]; });`, loc);
}

export function emitJsExpression(w: CodeWriter, node: JsExpr, scope: Scope): void {
  const error = jsSyntaxError(node.code, true);
  const loc = node.range.start;
  if (error !== null) {
    w.write(`$.raise("js-syntax", ${jsString(`js: ${error}`)})`, loc);
    return;
  }
  const [list, params] = header(jsNames(scope));
  w.write(`$.jsExpr(s, ${list}, function (${params}) { return (`, loc);
  writeCode(w, node);
  w.write('); })', loc);
}
