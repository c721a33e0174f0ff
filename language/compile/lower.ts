/**
 * Lowering: a checked flow (plus the file's subflows) becomes blocks (see ir.ts). Every wait point
 * — say, play, menu, ask, question, a data operation, queue, transfer, record, log, hangup — ends a
 * block; if/else, goto, retry, repeat and subflow call/return become jumps between blocks.
 *
 * A transfer ends the flow; so does a queue, except for its `on overflow` branch.
 *
 * Entries: `main` (the entry body), `step <name>`, `sub <name>`, `$fallback` (the flow's fallback
 * clause, else `$default`), `$default` (apology, then the workspace's default queue or a hang-up)
 * and `$end` (hang up; any answer after the end is answered with another hang-up).
 */
import type { CallExpr, Expr, FlowDecl, Statement, StringLit, SubflowDecl } from '../ast.ts';
import type { SourceRange } from '../source-range.ts';
import { walk } from '../walk.ts';
import { BlockBuilder, type LowerContext } from './block-builder.ts';
import {
  type Block,
  DEFAULT_FALLBACK,
  END,
  ENTRY,
  FALLBACK,
  type Label,
  type Scope,
  stepLabel,
  subflowLabel,
} from './ir.ts';
import { counterKey, lowerAsk, lowerMenu, lowerQuestion, lowerQueue } from './lower-input.ts';
import { simplify } from './simplify.ts';

export interface LowerOptions {
  language: 'ru' | 'uk' | 'en';
  /** Where the default fallback sends the call after the apology; null hangs up. */
  defaultQueue: string | null;
  /** The flow's scope, when the caller has it already (`flowScope(flow)`). */
  scope?: Scope;
}

const APOLOGY: Record<'ru' | 'uk' | 'en', { toOperator: string; later: string }> = {
  ru: {
    toOperator: 'Извините, произошла техническая ошибка. Соединяем Вас с оператором.',
    later: 'Извините, произошла техническая ошибка. Пожалуйста, перезвоните позже.',
  },
  uk: {
    toOperator: "Вибачте, сталася технічна помилка. З'єднуємо Вас з оператором.",
    later: 'Вибачте, сталася технічна помилка. Будь ласка, зателефонуйте пізніше.',
  },
  en: {
    toOperator: 'Sorry, a technical error occurred. Connecting you to an operator.',
    later: 'Sorry, a technical error occurred. Please call again later.',
  },
};

/** Variables a flow or subflow declares, and which of them hold secret references. */
export function collectScope(kind: Scope['kind'], roots: Statement[], params: string[] = []): Scope {
  const seen = new Set<string>(params);
  const vars: string[] = [...seen];
  const secrets = new Set<string>();
  const add = (name: string) => {
    if (!seen.has(name)) vars.push(name);
    seen.add(name);
  };
  for (const root of roots) {
    walk(root, (node) => {
      if (node.kind === 'Let') {
        add(node.target.text);
        if (
          unwrap(node.value).kind === 'Ident' &&
          secrets.has((unwrap(node.value) as { name: string }).name)
        ) {
          secrets.add(node.target.text);
        }
      } else if (node.kind === 'Ask') {
        add(node.target.text);
        if (node.secret) secrets.add(node.target.text);
      } else if (node.kind === 'Question') {
        add(node.name.text);
      }
      return undefined;
    });
  }
  return { kind, vars, secrets };
}

/** The variables of a flow: its body, its steps and its fallback clause. */
export function flowScope(flow: FlowDecl): Scope {
  const fallback = flow.header.find((h) => h.kind === 'Fallback');
  return collectScope('flow', [
    ...flow.body,
    ...flow.steps.flatMap((s) => s.body),
    ...(fallback ? [fallback.action] : []),
  ]);
}

function unwrap(expr: Expr): Expr {
  return expr.kind === 'Paren' ? unwrap(expr.inner) : expr;
}

/** `billing.balance(a, b)`: a call on a member of a name. */
export function dataOperation(expr: Expr): { source: string; operation: string; call: CallExpr } | null {
  const call = unwrap(expr);
  if (call.kind !== 'Call' || call.subflow || call.callee.kind !== 'Member') return null;
  const object = unwrap(call.callee.object);
  if (object.kind !== 'Ident') return null;
  return { source: object.name, operation: call.callee.property.text, call };
}

function subflowCall(expr: Expr): CallExpr | null {
  const call = unwrap(expr);
  return call.kind === 'Call' && call.subflow ? call : null;
}

export function lowerFlow(flow: FlowDecl, subflows: SubflowDecl[], options: LowerOptions): Block[] {
  const b = new BlockBuilder();
  const steps = new Set(flow.steps.map((s) => s.name.text));
  const subs = new Map(subflows.map((s) => [s.name.text, s]));
  const fallbackClause = flow.header.find((h) => h.kind === 'Fallback');
  const scope = options.scope ?? flowScope(flow);

  const lowerBody = (statements: Statement[], ctx: LowerContext): void => {
    for (const stmt of statements) lowerStatement(stmt, ctx);
  };

  const hangup = (at: SourceRange, ctx: LowerContext) => b.command({ type: 'hangup' }, at, ctx, END);

  const call = (expr: CallExpr, target: string | null, at: SourceRange, ctx: LowerContext) => {
    const name = expr.callee.kind === 'Ident' ? expr.callee.name : expr.callee.property.text;
    const sub = subs.get(name);
    if (!sub) {
      b.close({ t: 'fail', code: 'unknown-subflow', message: `unknown subflow '${name}'`, at }, ctx);
      return;
    }
    const returnTo = b.label(ctx);
    const params = sub.params.map((p) => p.text);
    b.close({ t: 'call', entry: subflowLabel(name), params, args: expr.args, target, returnTo, at }, ctx);
    b.open(returnTo, ctx);
  };

  const data = (
    value: Expr,
    target: string | null,
    onError: Statement[] | null,
    at: SourceRange,
    ctx: LowerContext,
  ) => {
    const op = dataOperation(value)!;
    const resume = b.command(
      { type: 'data', source: op.source, operation: op.operation, args: op.call.args },
      at,
      ctx,
    );
    const next = b.label(ctx);
    const error = onError ? b.branch(onError, ctx, next, at, lowerBody) : FALLBACK;
    b.addBlock(resume, { t: 'data', target, ok: next, error, at }, ctx);
    b.open(next, ctx);
  };

  const assign = (
    stmt: {
      target: { text: string };
      value: Expr;
      onError: { body: Statement[] } | null;
      range: SourceRange;
    },
    ctx: LowerContext,
  ) => {
    if (dataOperation(stmt.value))
      return data(stmt.value, stmt.target.text, stmt.onError?.body ?? null, stmt.range, ctx);
    const sub = subflowCall(stmt.value);
    if (sub) return call(sub, stmt.target.text, stmt.range, ctx);
    b.ops(ctx).push({ op: 'assign', name: stmt.target.text, value: stmt.value, at: stmt.range });
  };

  const fail = (code: string, message: string, at: SourceRange, ctx: LowerContext): void =>
    b.close({ t: 'fail', code, message, at }, ctx);

  /** goto/retry: the step's entry, leaving subflow frames first; null for an unknown step. */
  const jumpTarget = (name: string, at: SourceRange, ctx: LowerContext): Label | null => {
    if (!steps.has(name)) {
      fail('unknown-step', `unknown step '${name}'`, at, ctx);
      return null;
    }
    if (ctx.inSubflow) b.ops(ctx).push({ op: 'unwind', at });
    return stepLabel(name);
  };

  function lowerStatement(stmt: Statement, ctx: LowerContext): void {
    switch (stmt.kind) {
      case 'Say':
      case 'Play':
        b.wait({ type: 'say', parts: [stmt] }, stmt.range, ctx);
        break;
      case 'Menu':
        lowerMenu(b, stmt, ctx, lowerBody);
        break;
      case 'Ask':
        lowerAsk(b, stmt, ctx, lowerBody);
        break;
      case 'Question':
        lowerQuestion(b, stmt, ctx, lowerBody);
        break;
      case 'Queue':
        lowerQueue(b, stmt, ctx, lowerBody);
        break;
      case 'Let':
      case 'Set':
        assign(stmt, ctx);
        break;
      case 'Data':
        if (dataOperation(stmt.call)) data(stmt.call, null, stmt.onError?.body ?? null, stmt.range, ctx);
        else fail('not-data', 'not a data operation', stmt.range, ctx);
        break;
      case 'CallStmt':
        if (stmt.call.subflow) call(stmt.call, null, stmt.range, ctx);
        else if (dataOperation(stmt.call)) data(stmt.call, null, null, stmt.range, ctx);
        else fail('not-subflow', 'not a subflow call', stmt.range, ctx);
        break;
      case 'If': {
        const next = b.label(ctx);
        const ifTrue = b.branch(stmt.then, ctx, next, stmt.range, lowerBody);
        const ifFalse = stmt.otherwise ? b.branch(stmt.otherwise, ctx, next, stmt.range, lowerBody) : next;
        b.close({ t: 'if', cond: stmt.condition, ifTrue, ifFalse, at: stmt.range }, ctx);
        b.open(next, ctx);
        break;
      }
      case 'Goto': {
        const to = jumpTarget(stmt.target.text, stmt.range, ctx);
        if (to) b.close({ t: 'goto', to, at: stmt.range }, ctx);
        break;
      }
      case 'Retry': {
        const to = jumpTarget(stmt.target.text, stmt.range, ctx);
        if (!to) break;
        const next = b.label(ctx);
        const otherwise = b.branch([stmt.otherwise], ctx, next, stmt.otherwise.range, lowerBody);
        const key = counterKey('retry', stmt.target.text, stmt.range);
        b.close({ t: 'retry', key, times: stmt.times.value, to, otherwise, at: stmt.range }, ctx);
        b.open(next, ctx);
        break;
      }
      case 'Repeat':
        if (ctx.repeat) b.close({ t: 'goto', to: ctx.repeat, at: stmt.range }, ctx);
        else fail('repeat-outside', '`repeat` outside a menu or ask', stmt.range, ctx);
        break;
      case 'Transfer':
        // The call leaves the flow; the checker treats what follows as unreachable.
        b.command(
          { type: 'transfer', target: stmt.target, destination: stmt.destination },
          stmt.range,
          ctx,
          END,
        );
        break;
      case 'Record':
        b.wait({ type: 'record' }, stmt.range, ctx);
        break;
      case 'Log':
        b.wait({ type: 'log', field: stmt.field.text, value: stmt.value }, stmt.range, ctx);
        break;
      case 'Hangup':
        hangup(stmt.range, ctx);
        break;
      case 'Return':
        if (ctx.inSubflow) b.close({ t: 'return', value: stmt.value, at: stmt.range }, ctx);
        else hangup(stmt.range, ctx);
        break;
      case 'Js':
        b.ops(ctx).push({ op: 'js', node: stmt });
        break;
    }
  }

  const context = (prefix: string, scope: Scope, inSubflow = false): LowerContext => ({
    scope,
    prefix,
    repeat: null,
    inSubflow,
  });

  // The entry body; falling off its end hangs up (steps never fall into the next one).
  const main = context(ENTRY, scope);
  b.open(ENTRY, main);
  lowerBody(flow.body, main);
  if (b.isOpen) hangup(flow.name.range, main);

  for (const step of flow.steps) {
    const ctx = context(stepLabel(step.name.text), scope);
    b.open(stepLabel(step.name.text), ctx);
    b.ops(ctx).push({ op: 'enterStep', step: step.name.text, at: step.name.range });
    lowerBody(step.body, ctx);
    if (b.isOpen) hangup(step.name.range, ctx);
  }

  for (const sub of subflows) {
    const scope = collectScope(
      'subflow',
      sub.body,
      sub.params.map((p) => p.text),
    );
    const ctx = context(subflowLabel(sub.name.text), scope, true);
    b.open(subflowLabel(sub.name.text), ctx);
    lowerBody(sub.body, ctx);
    if (b.isOpen) b.close({ t: 'return', value: null, at: sub.name.range }, ctx);
  }

  lowerFallbacks(b, flow, scope, options, lowerBody, fallbackClause?.action ?? null, fallbackClause?.range);

  const entries: Label[] = [
    ENTRY,
    ...flow.steps.map((s) => stepLabel(s.name.text)),
    ...subflows.map((s) => subflowLabel(s.name.text)),
    FALLBACK,
    DEFAULT_FALLBACK,
    END,
  ];
  return simplify(b.blocks, entries);
}

function lowerFallbacks(
  b: BlockBuilder,
  flow: FlowDecl,
  scope: Scope,
  options: LowerOptions,
  lowerBody: (statements: Statement[], ctx: LowerContext) => void,
  action: Statement | null,
  actionRange: SourceRange | undefined,
): void {
  const at = flow.name.range;
  const fallback: LowerContext = { scope, prefix: FALLBACK, repeat: null, inSubflow: false };
  b.open(FALLBACK, fallback);
  b.ops(fallback).push({ op: 'unwind', at: actionRange ?? at });
  if (action) {
    lowerBody([action], fallback);
    if (b.isOpen) b.command({ type: 'hangup' }, action.range, fallback, END);
  } else {
    b.close({ t: 'goto', to: DEFAULT_FALLBACK, at }, fallback);
  }

  const defaults: LowerContext = { ...fallback, prefix: DEFAULT_FALLBACK };
  b.open(DEFAULT_FALLBACK, defaults);
  const text = options.defaultQueue ? APOLOGY[options.language].toOperator : APOLOGY[options.language].later;
  const apology: StringLit = { kind: 'String', value: text, range: at };
  b.wait({ type: 'say', parts: [apology] }, at, defaults);
  if (options.defaultQueue) {
    b.command(
      {
        type: 'queue',
        queue: options.defaultQueue,
        priority: null,
        skills: [],
        maxWaitMs: null,
        announce: null,
        announceEveryMs: null,
        music: null,
        handlesOverflow: false,
      },
      at,
      defaults,
      END,
    );
  } else {
    b.command({ type: 'hangup' }, at, defaults, END);
  }

  const end: LowerContext = { ...fallback, prefix: END };
  b.open(END, end);
  b.command({ type: 'hangup' }, at, end, END);
}
