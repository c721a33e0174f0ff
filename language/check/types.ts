/**
 * Type inference for expressions and the CF3xx checks built on it. `TypeInference` is exported for
 * editor services (hover shows a variable's type). Unknown names infer to `any` silently: names.ts
 * reports them, and one mistake should give one diagnostic, not a cascade.
 */
import type { Binary, CallExpr, Expr, Unary } from '../ast.ts';
import type { SourceRange } from '../source-range.ts';
import {
  formatType,
  isAssignable,
  joinTypes,
  T,
  type Type,
  typeFromSpec,
  unwrapOptional,
} from '../value-types.ts';
import type { Workspace } from '../workspace.ts';
import type { Check, MessageArgs } from './context.ts';
import {
  eachStatement,
  resolveCall,
  resolveName,
  type Symbols,
  type Unit,
  type VariableSymbol,
} from './scope.ts';
import { isSpokenRole } from './statements.ts';

export type Reporter = (key: string, range: SourceRange, args?: MessageArgs) => void;

export interface InferEnv {
  unit: Unit;
  /** Speech formats are allowed here: spoken text, through templates, conditionals and parentheses. */
  spoken: boolean;
  /** Inside a queue's announce text, where `ewt` and `position` are known. */
  announce: boolean;
  /** Null when inferring silently (a variable's type, asked for before its `let` was checked). */
  report: Reporter | null;
}

type Rule = [string, string, Type];
const cmp = (kinds: string[]): Rule[] => kinds.map((k) => [k, k, T.boolean]);
const ORDER = cmp(['number', 'string', 'duration']);
const RULES: Partial<Record<Binary['op'], Rule[]>> = {
  '+': [
    ['number', 'number', T.number],
    ['duration', 'duration', T.duration],
    ['string', 'string', T.string],
    ['string', 'number', T.string],
    ['number', 'string', T.string],
  ],
  '-': [
    ['number', 'number', T.number],
    ['duration', 'duration', T.duration],
  ],
  '*': [
    ['number', 'number', T.number],
    ['duration', 'number', T.duration],
    ['number', 'duration', T.duration],
  ],
  '/': [
    ['number', 'number', T.number],
    ['duration', 'number', T.duration],
  ],
  '%': [['number', 'number', T.number]],
  '<': ORDER,
  '<=': ORDER,
  '>': ORDER,
  '>=': ORDER,
  and: [['boolean', 'boolean', T.boolean]],
  or: [['boolean', 'boolean', T.boolean]],
};

export class TypeInference {
  private readonly varTypes = new Map<VariableSymbol, Type>();
  private readonly computing = new Set<VariableSymbol>();

  constructor(
    private readonly symbols: Symbols,
    private readonly workspace: Workspace,
  ) {}

  /** A variable's type: from its `let` value, `ask` (digits as text) or `question` answer type. */
  variableType(symbol: VariableSymbol, unit: Unit): Type {
    const known = this.varTypes.get(symbol);
    if (known) return known;
    if (this.computing.has(symbol)) return T.any;
    this.computing.add(symbol);
    const type = this.declaredType(symbol, unit);
    this.computing.delete(symbol);
    this.varTypes.set(symbol, type);
    return type;
  }

  private declaredType(symbol: VariableSymbol, unit: Unit): Type {
    const decl = symbol.declaration;
    if (!decl) return T.any;
    if (decl.kind === 'Ask') return T.string;
    if (decl.kind === 'Question') {
      return decl.answerType === 'yesno' ? T.boolean : decl.answerType === 'number' ? T.number : T.string;
    }
    const type = this.infer(decl.value, { unit, spoken: false, announce: false, report: null });
    // `let x = none` starts a variable whose later values decide its type.
    return type.kind === 'none' || type.kind === 'speech' ? T.any : type;
  }

  infer(expr: Expr, env: InferEnv): Type {
    const plain = env.spoken ? { ...env, spoken: false } : env;
    switch (expr.kind) {
      case 'Number':
        return T.number;
      case 'String':
        return T.string;
      case 'Bool':
        return T.boolean;
      case 'None':
        return T.none;
      case 'Duration':
        return T.duration;
      case 'Template': {
        let speech = false;
        for (const part of expr.parts) {
          if (typeof part === 'string') continue;
          const type = this.infer(part, env);
          this.checkText(type, part.range, env);
          if (type.kind === 'speech') speech = true;
        }
        return speech ? T.speech : T.string;
      }
      case 'List': {
        let item: Type | null = null;
        for (const element of expr.items) {
          const type = this.infer(element, plain);
          item = item ? joinTypes(item, type) : type;
        }
        return T.list(item ?? T.any);
      }
      case 'Ident': {
        const target = resolveName(env.unit, expr.name);
        if (target.kind === 'variable') return this.variableType(target.symbol, env.unit);
        if (target.kind === 'builtin') {
          if (target.value.onlyIn === 'announce' && !env.announce)
            env.report?.('CF306', expr.range, { name: expr.name });
          return target.value.type;
        }
        return T.any;
      }
      case 'Member': {
        const object = unwrapOptional(this.infer(expr.object, plain));
        const name = expr.property.text;
        if (object.kind === 'any') return T.any;
        if (object.kind !== 'record') {
          env.report?.('CF307', expr.property.range, { type: formatType(object), name });
          return T.any;
        }
        if (!Object.hasOwn(object.fields, name)) {
          env.report?.('CF308', expr.property.range, { type: formatType(object), name });
          return T.any;
        }
        return object.fields[name];
      }
      case 'Call':
        return this.callType(expr, env, plain);
      case 'Unary':
        return this.unaryType(expr, plain);
      case 'Binary':
        return this.binaryType(expr, plain);
      case 'Conditional': {
        this.condition(expr.test, plain);
        return joinTypes(this.infer(expr.then, env), this.infer(expr.otherwise, env));
      }
      case 'IsNone':
        this.infer(expr.operand, plain);
        return T.boolean;
      case 'Within':
        return T.boolean;
      case 'JsExpr':
        return T.any;
      case 'Paren':
        return this.infer(expr.inner, env);
    }
  }

  /** Infers a condition and reports CF302 unless it is boolean. */
  condition(expr: Expr, env: InferEnv): void {
    const type = this.infer(expr, env);
    if (!isAssignable(type, T.boolean)) env.report?.('CF302', expr.range, { type: formatType(type) });
  }

  /** Lists and records have no spoken or textual form (CF311). */
  checkText(type: Type, range: SourceRange, env: InferEnv): void {
    const kind = unwrapOptional(type).kind;
    if (kind === 'list' || kind === 'record') env.report?.('CF311', range, { type: formatType(type) });
  }

  private callType(call: CallExpr, env: InferEnv, plain: InferEnv): Type {
    const target = resolveCall(call, this.symbols, this.workspace);
    const argTypes = call.args.map((arg) => this.infer(arg, plain));
    const checkArg = (index: number, param: string, name: string, accepted: Type[]) => {
      const type = argTypes[index];
      if (type && !accepted.some((expected) => isAssignable(type, expected))) {
        const expected = accepted.map(formatType).join(' | ');
        env.report?.('CF303', call.args[index].range, { param, name, expected, type: formatType(type) });
      }
    };
    if (target.kind === 'builtin') {
      const fn = target.fn;
      for (const [i, param] of fn.params.entries()) checkArg(i, param.name, fn.name, param.types);
      if (fn.category !== 'speech') return fn.result;
      if (env.spoken) return T.speech;
      env.report?.('CF305', call.range, { name: fn.name });
      return T.any;
    }
    if (target.kind === 'data') {
      const name = `${target.sourceName}.${target.operationName}`;
      for (const [i, param] of target.operation.params.entries()) {
        checkArg(i, param.name, name, [typeFromSpec(param.type)]);
      }
      const result = typeFromSpec(target.operation.result);
      return target.operation.optional ? T.optional(result) : result;
    }
    return T.any;
  }

  private unaryType(expr: Unary, plain: InferEnv): Type {
    const operand = this.infer(expr.operand, plain);
    const kind = unwrapOptional(operand).kind;
    const ok = expr.op === 'not' ? ['boolean', 'any'] : ['number', 'duration', 'any'];
    if (!ok.includes(kind)) {
      plain.report?.('CF301.unary', expr.range, { op: expr.op, operand: formatType(operand) });
      return T.any;
    }
    return expr.op === 'not' ? T.boolean : kind === 'any' ? T.any : unwrapOptional(operand);
  }

  private binaryType(expr: Binary, plain: InferEnv): Type {
    const left = this.infer(expr.left, plain);
    const right = this.infer(expr.right, plain);
    const result = binaryResult(expr.op, left, right);
    if (result) return result;
    plain.report?.('CF301', expr.range, { op: expr.op, left: formatType(left), right: formatType(right) });
    return expr.op === '==' || expr.op === '!=' || expr.op === 'in' ? T.boolean : T.any;
  }
}

/** The result of a binary operator, or null when the operand types do not fit it. */
function binaryResult(op: Binary['op'], left: Type, right: Type): Type | null {
  const l = unwrapOptional(left);
  const r = unwrapOptional(right);
  if (op === '==' || op === '!=') return comparable(left, right) ? T.boolean : null;
  if (op === 'in') {
    if (r.kind === 'any') return T.boolean;
    if (r.kind === 'list') return comparable(left, r.item) ? T.boolean : null;
    if (r.kind === 'string') return l.kind === 'string' || l.kind === 'any' ? T.boolean : null;
    return null;
  }
  const rules = RULES[op] ?? [];
  const matches = rules.filter(
    ([a, b]) => (l.kind === 'any' || l.kind === a) && (r.kind === 'any' || r.kind === b),
  );
  if (matches.length === 0) return null;
  return matches.every((rule) => rule[2] === matches[0][2]) ? matches[0][2] : T.any;
}

/** `none` compares with anything (`x == none`); otherwise one side must fit the other. */
function comparable(a: Type, b: Type): boolean {
  return a.kind === 'none' || b.kind === 'none' || isAssignable(a, b) || isAssignable(b, a);
}

export const typesCheck: Check = {
  name: 'types',
  run(ctx) {
    const inference = new TypeInference(ctx.symbols, ctx.workspace);
    const report: Reporter = ctx.report;
    for (const unit of ctx.symbols.units) {
      eachStatement(unit, (stmt, _place, slots) => {
        if ((stmt.kind === 'Ask' || stmt.kind === 'Question') && stmt.min && stmt.max) {
          if (stmt.min.value > stmt.max.value) {
            report(
              'CF312',
              { start: stmt.min.range.start, end: stmt.max.range.end },
              { min: stmt.min.value, max: stmt.max.value },
            );
          }
        }
        for (const { expr, role } of slots) {
          const env: InferEnv = { unit, spoken: isSpokenRole(role), announce: role === 'announce', report };
          if (role === 'condition') {
            inference.condition(expr, env);
            continue;
          }
          const type = inference.infer(expr, env);
          const shown = formatType(type);
          if (isSpokenRole(role)) inference.checkText(type, expr.range, env);
          else if (role === 'priority' && !isAssignable(type, T.number))
            report('CF304', expr.range, { type: shown });
          else if (role === 'destination' && !isAssignable(type, T.string) && !isAssignable(type, T.number)) {
            report('CF310', expr.range, { type: shown });
          } else if (stmt.kind === 'Set') {
            const target = resolveName(unit, stmt.target.text);
            if (target.kind !== 'variable') continue;
            const expected = inference.variableType(target.symbol, unit);
            if (!isAssignable(type, expected) && type.kind !== 'none') {
              report('CF309', expr.range, {
                name: stmt.target.text,
                expected: formatType(expected),
                type: shown,
              });
            }
          }
        }
      });
    }
  },
};
