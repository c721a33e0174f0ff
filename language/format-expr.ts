/**
 * Canonical text of expressions and literals, for the formatter. Parentheses are printed only where
 * the author wrote them (Paren nodes), which reproduces the same tree because the parser builds
 * binary trees by precedence. Numbers keep the author's digits (`50.00` stays `50.00`).
 */
import type { CallExpr, Expr, StringLit } from './ast.ts';

/** `\`, `"`, `{`, `}` and newlines escaped: the value reads back unchanged. */
export function quote(value: string): string {
  return `"${escapeText(value)}"`;
}

function escapeText(value: string): string {
  return value.replace(/[\\"{}\n]/g, (c) => (c === '\n' ? '\\n' : `\\${c}`));
}

/** A `matching` pattern: only `"` is escaped, everything else is the regular expression as written. */
export function quotePattern(pattern: StringLit): string {
  let out = '';
  const value = pattern.value;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '\\' && i + 1 < value.length) {
      out += c + value[++i];
    } else {
      out += c === '"' ? '\\"' : c;
    }
  }
  return `"${out}"`;
}

export class ExprPrinter {
  constructor(private readonly source: string) {}

  print(e: Expr): string {
    switch (e.kind) {
      case 'Number':
        return this.source.slice(e.range.start.offset, e.range.end.offset) || String(e.value);
      case 'String':
        return quote(e.value);
      case 'Template':
        return `"${e.parts.map((p) => (typeof p === 'string' ? escapeText(p) : `{${this.print(p)}}`)).join('')}"`;
      case 'Bool':
        return e.value ? 'true' : 'false';
      case 'None':
        return 'none';
      case 'Duration':
        return e.text;
      case 'List':
        return `[${this.list(e.items)}]`;
      case 'Ident':
        return e.name;
      case 'Member':
        return `${this.print(e.object)}.${e.property.text}`;
      case 'Call':
        return this.call(e);
      case 'Unary':
        return e.op === 'not' ? `not ${this.print(e.operand)}` : `-${this.print(e.operand)}`;
      case 'Binary':
        return `${this.print(e.left)} ${e.op} ${this.print(e.right)}`;
      case 'Conditional':
        return `${this.print(e.test)} ? ${this.print(e.then)} : ${this.print(e.otherwise)}`;
      case 'IsNone':
        return `${this.print(e.operand)} is ${e.negated ? 'not ' : ''}none`;
      case 'Within':
        return `within ${quote(e.calendar.value)}`;
      case 'JsExpr':
        return `js {${e.code}}`;
      case 'Paren':
        return `(${this.print(e.inner)})`;
    }
  }

  call(e: CallExpr): string {
    return `${e.subflow ? 'call ' : ''}${this.print(e.callee)}(${this.list(e.args)})`;
  }

  list(items: Expr[]): string {
    return items.map((item) => this.print(item)).join(', ');
  }
}
