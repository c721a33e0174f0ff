/**
 * CF2xx: every name a flow uses must exist — steps (goto/retry), queues, prompts, calendars, skills,
 * groups (workspace), variables, functions, subflows, data sources and operations — and calls must
 * pass the right number of arguments. Also CF410 (jumping to a menu or variable) and CF412 (a jump
 * out of a subflow).
 */
import type { AnyNode, CallExpr, Expr, Statement } from '../ast.ts';
import { arity } from '../builtins.ts';
import { walk } from '../walk.ts';
import type { Check, CheckContext } from './context.ts';
import { eachStatement, resolveCall, resolveName, type Unit } from './scope.ts';

export const namesCheck: Check = {
  name: 'names',
  run(ctx) {
    const ws = ctx.workspace;
    const skills = new Set(ws.skills);
    for (const queue of Object.values(ws.queues)) for (const skill of queue.skills) skills.add(skill);
    for (const unit of ctx.symbols.units) {
      if (unit.decl.kind === 'Flow') {
        for (const clause of unit.decl.header) {
          if (clause.kind === 'Group' && !Object.hasOwn(ws.groups, clause.group.value)) {
            ctx.report('CF209', clause.group.range, { name: clause.group.value });
          }
        }
      }
      eachStatement(unit, (stmt, _place, slots) => {
        checkStatement(ctx, unit, stmt, skills);
        for (const { expr } of slots) checkExpression(ctx, unit, expr);
      });
    }
  },
};

function checkStatement(ctx: CheckContext, unit: Unit, stmt: Statement, skills: Set<string>): void {
  const ws = ctx.workspace;
  switch (stmt.kind) {
    case 'Goto':
    case 'Retry': {
      const target = stmt.target;
      if (unit.decl.kind === 'Subflow') {
        ctx.report('CF412', target.range, { keyword: stmt.kind === 'Goto' ? 'goto' : 'retry' });
      } else if (!unit.steps.has(target.text)) {
        const what = unit.menus.has(target.text)
          ? 'CF410.menu'
          : unit.variables.has(target.text)
            ? 'CF410.variable'
            : ctx.symbols.subflows.has(target.text)
              ? 'CF410.subflow'
              : 'CF201';
        ctx.report(what, target.range, { name: target.text });
      }
      return;
    }
    case 'Play':
      if (!Object.hasOwn(ws.prompts, stmt.prompt.value)) {
        ctx.report('CF203', stmt.prompt.range, { name: stmt.prompt.value });
      }
      return;
    case 'Queue':
      if (!Object.hasOwn(ws.queues, stmt.queue.value)) {
        ctx.report('CF202', stmt.queue.range, { name: stmt.queue.value });
      }
      for (const skill of stmt.skills) {
        if (!skills.has(skill.value)) ctx.report('CF208', skill.range, { name: skill.value });
      }
      return;
    case 'Transfer':
      if (stmt.target === 'queue' && stmt.destination.kind === 'String') {
        const name = stmt.destination.value;
        if (!Object.hasOwn(ws.queues, name)) ctx.report('CF202', stmt.destination.range, { name });
      }
      return;
    case 'Set': {
      const target = resolveName(unit, stmt.target.text);
      if (target.kind === 'unknown') ctx.report('CF206', stmt.target.range, { name: stmt.target.text });
      else if (target.kind === 'builtin')
        ctx.report('CF206.builtin', stmt.target.range, { name: stmt.target.text });
      return;
    }
    default:
      return;
  }
}

function checkExpression(ctx: CheckContext, unit: Unit, expr: Expr): void {
  const visit = (node: AnyNode): boolean | undefined => {
    switch (node.kind) {
      case 'Ident':
        if (resolveName(unit, node.name).kind === 'unknown')
          ctx.report('CF206', node.range, { name: node.name });
        return;
      case 'Within':
        if (!Object.hasOwn(ctx.workspace.calendars, node.calendar.value)) {
          ctx.report('CF207', node.calendar.range, { name: node.calendar.value });
        }
        return;
      case 'Call':
        checkCall(ctx, node);
        // The callee is a function, subflow or data-source name, never a variable.
        for (const arg of node.args) walk(arg, visit);
        return false;
      default:
        return;
    }
  };
  walk(expr, visit);
}

function checkCall(ctx: CheckContext, call: CallExpr): void {
  const target = resolveCall(call, ctx.symbols, ctx.workspace);
  const count = call.args.length;
  const checkArity = (name: string, min: number, max: number) => {
    if (count < min || count > max) {
      ctx.report('CF214', call.range, { name, expected: min === max ? `${min}` : `${min}–${max}`, count });
    }
  };
  switch (target.kind) {
    case 'builtin': {
      const [min, max] = arity(target.fn);
      checkArity(target.fn.name, min, max);
      return;
    }
    case 'subflow':
      checkArity(target.decl.name.text, target.decl.params.length, target.decl.params.length);
      return;
    case 'data': {
      const n = target.operation.params.length;
      checkArity(`${target.sourceName}.${target.operationName}`, n, n);
      return;
    }
    case 'unknown-function':
      ctx.report(target.isSubflow ? 'CF211.subflow' : 'CF211', target.name.range, { name: target.name.text });
      return;
    case 'unknown-subflow':
      ctx.report('CF210', target.name.range, { name: target.name.text });
      return;
    case 'unknown-source':
      ctx.report('CF204', target.range, { name: target.node?.text ?? '?' });
      return;
    case 'unknown-operation':
      ctx.report('CF205', target.name.range, { source: target.sourceName, name: target.name.text });
      return;
  }
}
