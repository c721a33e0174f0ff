/**
 * Expressions to JavaScript. Anything that can fail at run time (a field of `none`, `none` used as
 * a number, a builtin) goes through a prelude helper, and each node's code is marked with its flow
 * position: QuickJS reports a failing call at its `(`, which falls inside the node that made it.
 */
import type { Expr, TemplateLit } from '../ast.ts';
import { builtinFunction, builtinValue } from '../builtins.ts';
import type { CodeWriter } from './code-writer.ts';
import { emitJsExpression } from './emit-js.ts';
import type { Scope, SpeechSource } from './ir.ts';
import { jsString } from './js-literal.ts';

export interface ExprContext {
  scope: Scope;
  declared: ReadonlySet<string>;
  /** Inside spoken text (say, prompts, question text, announcements): templates keep speech parts. */
  speech: boolean;
  /** Inside a queue announcement: `ewt` and `position` are parts the ACD fills in. */
  announce: boolean;
}

export function exprContext(scope: Scope): ExprContext {
  return { scope, declared: new Set(scope.vars), speech: false, announce: false };
}

const BINARY_HELPERS: Record<string, string> = {
  '+': 'add',
  '-': 'sub',
  '*': 'mul',
  '/': 'div',
  '%': 'mod',
  '<': 'lt',
  '<=': 'le',
  '>': 'gt',
  '>=': 'ge',
  '==': 'eq',
  in: 'isIn',
};

function list<T>(w: CodeWriter, items: readonly T[], each: (item: T) => void): void {
  items.forEach((item, i) => {
    if (i > 0) w.write(', ');
    each(item);
  });
}

function raise(w: CodeWriter, code: string, message: string): void {
  w.write(`$.raise(${jsString(code)}, ${jsString(message)})`);
}

export function emitExpr(w: CodeWriter, expr: Expr, ctx: ExprContext): void {
  const at = expr.range.start;
  switch (expr.kind) {
    case 'Number':
      w.write(Number.isFinite(expr.value) ? String(expr.value) : 'null', at);
      return;
    case 'String':
      w.write(jsString(expr.value), at);
      return;
    case 'Bool':
      w.write(String(expr.value), at);
      return;
    case 'None':
      w.write('null', at);
      return;
    case 'Duration':
      w.write(String(expr.ms), at);
      return;
    case 'Template':
      w.write(ctx.speech ? '$.seq([' : '$.str([', at);
      emitTemplatePieces(w, expr, ctx);
      w.write('])');
      return;
    case 'List':
      w.write('[', at);
      list(w, expr.items, (item) => emitExpr(w, item, ctx));
      w.write(']');
      return;
    case 'Ident':
      emitIdent(w, expr.name, ctx, at);
      return;
    case 'Member':
      w.write('$.get(', at);
      emitExpr(w, expr.object, ctx);
      w.write(`, ${jsString(expr.property.text)})`);
      return;
    case 'Call':
      w.mark(at);
      emitCall(w, expr, ctx);
      return;
    case 'Unary':
      w.write(expr.op === 'not' ? '!(' : '$.neg(', at);
      emitExpr(w, expr.operand, ctx);
      w.write(')');
      return;
    case 'Binary':
      if (expr.op === 'and' || expr.op === 'or') {
        w.write('(!!(', at);
        emitExpr(w, expr.left, ctx);
        w.write(expr.op === 'and' ? ') && !!(' : ') || !!(');
        emitExpr(w, expr.right, ctx);
        w.write('))');
        return;
      }
      w.write(expr.op === '!=' ? '!$.eq(' : `$.${BINARY_HELPERS[expr.op]}(`, at);
      emitExpr(w, expr.left, ctx);
      w.write(', ');
      emitExpr(w, expr.right, ctx);
      w.write(')');
      return;
    case 'Conditional':
      w.write('(', at);
      emitExpr(w, expr.test, ctx);
      w.write(' ? ');
      emitExpr(w, expr.then, ctx);
      w.write(' : ');
      emitExpr(w, expr.otherwise, ctx);
      w.write(')');
      return;
    case 'IsNone':
      w.write('(', at);
      emitExpr(w, expr.operand, ctx);
      w.write(expr.negated ? ' != null)' : ' == null)');
      return;
    case 'Within':
      w.write(`$.within(input, ${jsString(expr.calendar.value)})`, at);
      return;
    case 'JsExpr':
      emitJsExpression(w, expr, ctx.scope);
      return;
    case 'Paren':
      w.write('(', at);
      emitExpr(w, expr.inner, ctx);
      w.write(')');
      return;
  }
}

function emitIdent(
  w: CodeWriter,
  name: string,
  ctx: ExprContext,
  at: { line: number; column: number },
): void {
  const pos = { ...at, offset: 0 };
  if (ctx.declared.has(name)) {
    w.write(`$.v(s, ${jsString(name)})`, pos);
    return;
  }
  const builtin = builtinValue(name);
  if (builtin?.speechPart && ctx.announce) {
    w.write(builtin.speechPart === 'ewt' ? '$.EWT' : '$.POSITION', pos);
  } else if (builtin) {
    w.write(`$.value(s, input, ${jsString(name)})`, pos);
  } else {
    w.write(`$.v(s, ${jsString(name)})`, pos);
  }
}

function emitCall(w: CodeWriter, expr: Extract<Expr, { kind: 'Call' }>, ctx: ExprContext): void {
  // The checker rejects these (CF411, unknown names); compiled anyway they fail the step.
  if (expr.subflow) {
    raise(w, 'nested-subflow', 'a subflow call must be a statement or the whole value of let/set');
    return;
  }
  if (expr.callee.kind === 'Member') {
    raise(w, 'nested-data', 'a data operation must be a statement or the whole value of let/set');
    return;
  }
  const name = expr.callee.name;
  if (!builtinFunction(name)) {
    raise(w, 'unknown-function', `unknown function '${name}'`);
    return;
  }
  w.write(`$.fn.${name}(`);
  list(w, expr.args, (arg) => emitExpr(w, arg, ctx));
  w.write(')');
}

/** Template pieces without the empty text between adjacent interpolations. */
function nonEmpty(parts: TemplateLit['parts']): TemplateLit['parts'] {
  return parts.filter((part) => part !== '');
}

function emitTemplatePieces(w: CodeWriter, template: TemplateLit, ctx: ExprContext): void {
  list(w, nonEmpty(template.parts), (part) => {
    if (typeof part === 'string') w.write(jsString(part));
    else emitExpr(w, part, ctx);
  });
}

/**
 * `$.speak([...])`: the spoken pieces of say/play statements or a text. A template at the top is
 * spliced into the list so its text and parts are spoken in order.
 */
export function emitSpeech(w: CodeWriter, sources: readonly (SpeechSource | Expr)[], ctx: ExprContext): void {
  const spoken: ExprContext = { ...ctx, speech: true };
  const pieces: (() => void)[] = [];
  const addExpr = (expr: Expr) => {
    if (expr.kind === 'Template') {
      for (const part of nonEmpty(expr.parts)) {
        pieces.push(
          typeof part === 'string' ? () => w.write(jsString(part)) : () => emitExpr(w, part, spoken),
        );
      }
    } else {
      pieces.push(() => emitExpr(w, expr, spoken));
    }
  };
  sources.forEach((source, i) => {
    // Consecutive `prompt "..."` lines are sentences: keep a space between them.
    if (i > 0 && source.kind === 'Say' && sources[i - 1].kind === 'Say') pieces.push(() => w.write('" "'));
    if (source.kind === 'Say') source.parts.forEach(addExpr);
    else if (source.kind === 'Play')
      pieces.push(() => w.write(`$.prompt(${jsString(source.prompt.value)})`, source.range.start));
    else addExpr(source);
  });
  w.write('$.speak([');
  list(w, pieces, (emit) => emit());
  w.write('])');
}
