/**
 * CF5xx: a secret input (`ask secret pin`) and any value computed from it may only travel to a
 * data-operation parameter declared `secret` (which checks it against a hash) or into another secret
 * variable. Spoken, put in a text, logged, stored, compared, passed to a subflow, used in js or as a
 * queue priority / transfer destination: each is a diagnostic at the expression that leaks.
 * A data operation's result is not secret: the host has already checked the secret.
 */
import type { CallExpr, Expr, Statement } from '../ast.ts';
import type { SourceRange } from '../source-range.ts';
import type { Check, CheckContext } from './context.ts';
import { eachStatement, resolveCall, type Unit } from './scope.ts';
import type { ExprRole } from './statements.ts';

const COMPARISONS = new Set(['==', '!=', '<', '<=', '>', '>=', 'in']);

export const secretsCheck: Check = {
  name: 'secrets',
  run(ctx) {
    for (const unit of ctx.symbols.units) {
      const secrets = [...unit.variables.values()].filter((v) => v.secret).map((v) => v.name);
      if (secrets.length === 0) continue;
      const tracker = new Taint(ctx, unit, secrets);
      eachStatement(unit, (stmt, _place, slots) => {
        if (stmt.kind === 'Js') tracker.js(stmt.code, stmt.codeRange);
        for (const { expr, role } of slots) {
          const leaked = tracker.of(expr, role === 'spoken' || role === 'announce');
          if (leaked === null) continue;
          sink(ctx, unit, stmt, role, leaked, expr.range);
        }
      });
    }
  },
};

function sink(
  ctx: CheckContext,
  unit: Unit,
  stmt: Statement,
  role: ExprRole,
  name: string,
  range: SourceRange,
): void {
  switch (role) {
    case 'spoken':
    case 'announce':
      ctx.report('CF501', range, { name });
      return;
    case 'log':
      ctx.report('CF503', range, { name });
      return;
    case 'value': {
      if (stmt.kind !== 'Let' && stmt.kind !== 'Set') return;
      // `set otherSecret = pin` keeps the value secret; `let` always declares a plain variable.
      if (stmt.kind === 'Set' && unit.variables.get(stmt.target.text)?.secret) return;
      ctx.report('CF504', range, { name, target: stmt.target.text });
      return;
    }
    case 'condition':
      ctx.report('CF505', range, { name });
      return;
    case 'priority':
      ctx.report('CF509.priority', range, { name });
      return;
    case 'destination':
      ctx.report('CF509', range, { name });
      return;
    case 'return':
      ctx.report('CF509.return', range, { name });
      return;
    case 'call':
      return;
  }
}

/** Finds which secret an expression carries, reporting leaks that happen inside it. */
class Taint {
  private readonly patterns: { name: string; pattern: RegExp }[];

  constructor(
    private readonly ctx: CheckContext,
    private readonly unit: Unit,
    secrets: string[],
  ) {
    // Names may be Cyrillic: word characters are Unicode letters and digits here.
    this.patterns = secrets.map((name) => ({
      name,
      pattern: new RegExp(`(?<![\\p{L}\\p{N}_$.])${escapeRegExp(name)}(?![\\p{L}\\p{N}_$])`, 'gu'),
    }));
  }

  /** The secret the value of `expr` is derived from, or null. `spoken`: inside spoken text. */
  of(expr: Expr, spoken: boolean): string | null {
    const ctx = this.ctx;
    switch (expr.kind) {
      case 'Ident':
        return this.unit.variables.get(expr.name)?.secret ? expr.name : null;
      case 'Template':
        for (const part of expr.parts) {
          if (typeof part === 'string') continue;
          const leaked = this.of(part, spoken);
          if (leaked !== null) ctx.report(spoken ? 'CF501' : 'CF502', part.range, { name: leaked });
        }
        return null;
      case 'Binary': {
        const left = this.of(expr.left, false);
        const right = this.of(expr.right, false);
        const leaked = left ?? right;
        if (leaked !== null && COMPARISONS.has(expr.op)) {
          ctx.report('CF505', expr.range, { name: leaked });
          return null;
        }
        return leaked;
      }
      case 'Call':
        return this.call(expr);
      case 'Conditional': {
        const test = this.of(expr.test, false);
        if (test !== null) ctx.report('CF505', expr.test.range, { name: test });
        return this.of(expr.then, spoken) ?? this.of(expr.otherwise, spoken);
      }
      case 'Unary':
        return this.of(expr.operand, false);
      case 'Member':
        return this.of(expr.object, false);
      case 'Paren':
        return this.of(expr.inner, spoken);
      case 'List': {
        let leaked: string | null = null;
        for (const item of expr.items) leaked = this.of(item, false) ?? leaked;
        return leaked;
      }
      case 'IsNone':
        // Whether a secret was entered at all is not the secret.
        this.of(expr.operand, false);
        return null;
      case 'JsExpr':
        this.js(expr.code, expr.codeRange);
        return null;
      default:
        return null;
    }
  }

  private call(call: CallExpr): string | null {
    const target = resolveCall(call, this.ctx.symbols, this.ctx.workspace);
    const args = call.args.map((arg) => this.of(arg, false));
    if (target.kind === 'data') {
      const operation = `${target.sourceName}.${target.operationName}`;
      args.forEach((leaked, i) => {
        const param = target.operation.params[i];
        if (leaked !== null && param && !param.secret) {
          this.ctx.report('CF506', call.args[i].range, { name: leaked, param: param.name, operation });
        }
      });
      return null;
    }
    // An unknown `source.operation(…)` is still a data operation (names.ts reports it): its result is not secret.
    if (call.callee.kind === 'Member') return null;
    if (call.subflow) {
      args.forEach((leaked, i) => {
        if (leaked !== null) {
          this.ctx.report('CF508', call.args[i].range, { name: leaked, subflow: calleeName(call) });
        }
      });
      return null;
    }
    return args.find((leaked) => leaked !== null) ?? null;
  }

  /** A secret's name appearing in js code (the code sees variables, so it could leak them). */
  js(code: string, range: SourceRange): void {
    for (const { name, pattern } of this.patterns) {
      pattern.lastIndex = 0;
      for (let m = pattern.exec(code); m !== null; m = pattern.exec(code)) {
        this.ctx.report('CF507', rangeInCode(code, range, m.index, name.length), { name });
      }
    }
  }
}

function calleeName(call: CallExpr): string {
  return call.callee.kind === 'Ident' ? call.callee.name : call.callee.property.text;
}

/** The source range of `code[index, index + length)` given the range the code starts at. */
function rangeInCode(code: string, range: SourceRange, index: number, length: number): SourceRange {
  let line = range.start.line;
  let column = range.start.column;
  for (let i = 0; i < index; i++) {
    if (code.charCodeAt(i) === 10) {
      line++;
      column = 1;
    } else {
      column++;
    }
  }
  const offset = range.start.offset + index;
  return {
    start: { line, column, offset },
    end: { line, column: column + length, offset: offset + length },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
