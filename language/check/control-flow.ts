/**
 * CF401 unreachable step, CF402 unreachable statement, CF403 a path that falls off the end of a
 * flow's entry or step (subflows and surveys may simply end), CF407 a loop that can spin without
 * waiting for the caller: a cycle of waitless gotos between steps, or of subflow calls.
 */
import type { SourceRange } from '../source-range.ts';
import type { Check, CheckContext } from './context.ts';
import { analyzeBody, type BodyPaths } from './flow-paths.ts';
import { headRange } from './ranges.ts';
import { eachStatement, isWaitingCall, type Symbols, type Unit } from './scope.ts';

export const controlFlowCheck: Check = {
  name: 'control-flow',
  run(ctx) {
    const mayWait = subflowWaits(ctx.symbols);
    const subflowCalls = new Map<string, BodyPaths['calls']>();
    for (const unit of ctx.symbols.units) {
      const decl = unit.decl;
      if (decl.kind === 'Subflow') {
        const paths = analyzeBody(decl.body, mayWait, decl.name.range);
        reportUnreachable(ctx, paths);
        subflowCalls.set(decl.name.text, paths.calls);
      } else {
        checkFlow(ctx, unit, mayWait);
      }
    }
    const edges = new Map<string, Edge[]>();
    for (const [name, calls] of subflowCalls) {
      const waitless = calls.filter((c) => c.waitless && subflowCalls.has(c.name));
      edges.set(
        name,
        waitless.map((c) => ({ to: c.name, range: c.call.range })),
      );
    }
    for (const { range, cycle } of findCycles(edges)) ctx.report('CF407.call', range, { cycle });
  },
};

function checkFlow(ctx: CheckContext, unit: Unit, mayWait: (name: string) => boolean): void {
  const decl = unit.decl;
  if (decl.kind !== 'Flow') return;
  const entry = analyzeBody(decl.body, mayWait, decl.name.range);
  const steps = new Map<string, BodyPaths>();
  for (const step of decl.steps) {
    if (unit.steps.get(step.name.text) !== step) continue; // a duplicate (CF212)
    steps.set(step.name.text, analyzeBody(step.body, mayWait, step.name.range));
  }
  const fallbacks = decl.header.flatMap((c) =>
    c.kind === 'Fallback' ? [analyzeBody([c.action], mayWait, c.range)] : [],
  );
  for (const paths of [entry, ...steps.values(), ...fallbacks]) reportUnreachable(ctx, paths);

  if (decl.flavor === 'flow') {
    for (const range of distinct(entry.end?.exits ?? [])) ctx.report('CF403.flow', range);
    for (const [name, paths] of steps) {
      for (const range of distinct(paths.end?.exits ?? [])) ctx.report('CF403', range, { name });
    }
  }

  // Reachability from the entry body and the fallback clause.
  const reached = new Set<string>();
  const queue = [entry, ...fallbacks];
  while (queue.length > 0) {
    for (const jump of queue.pop()!.jumps) {
      const target = steps.get(jump.target.text);
      if (target && !reached.has(jump.target.text)) {
        reached.add(jump.target.text);
        queue.push(target);
      }
    }
  }
  for (const step of decl.steps) {
    if (steps.has(step.name.text) && !reached.has(step.name.text)) {
      ctx.report('CF401', step.name.range, { name: step.name.text });
    }
  }

  const edges = new Map<string, Edge[]>();
  for (const [name, paths] of steps) {
    edges.set(
      name,
      paths.jumps
        .filter((j) => j.waitless && steps.has(j.target.text))
        .map((j) => ({ to: j.target.text, range: headRange(j.stmt) })),
    );
  }
  for (const { range, cycle } of findCycles(edges)) ctx.report('CF407', range, { cycle });
}

function reportUnreachable(ctx: CheckContext, paths: BodyPaths): void {
  for (const stmt of paths.unreachable) ctx.report('CF402', headRange(stmt));
}

function distinct(ranges: SourceRange[]): SourceRange[] {
  const seen = new Set<number>();
  return ranges.filter((r) => !seen.has(r.start.offset) && seen.add(r.start.offset));
}

interface Edge {
  to: string;
  range: SourceRange;
}

/** Back edges of a depth-first search: each closes a cycle, reported with the path it closes. */
function findCycles(edges: Map<string, Edge[]>): { range: SourceRange; cycle: string }[] {
  const found: { range: SourceRange; cycle: string }[] = [];
  const state = new Map<string, 'open' | 'done'>();
  for (const root of edges.keys()) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const next: number[] = [0];
    state.set(root, 'open');
    while (path.length > 0) {
      const node = path[path.length - 1];
      const out = edges.get(node) ?? [];
      const i = next[next.length - 1]++;
      if (i >= out.length) {
        state.set(node, 'done');
        path.pop();
        next.pop();
        continue;
      }
      const edge = out[i];
      const seen = state.get(edge.to);
      if (seen === 'open') {
        found.push({ range: edge.range, cycle: [...path.slice(path.indexOf(edge.to)), edge.to].join(' → ') });
      } else if (seen === undefined) {
        state.set(edge.to, 'open');
        path.push(edge.to);
        next.push(0);
      }
    }
  }
  return found;
}

/** Whether calling each subflow can wait for the outside world, directly or through its calls. */
function subflowWaits(symbols: Symbols): (name: string) => boolean {
  const direct = new Map<string, boolean>();
  const callees = new Map<string, string[]>();
  for (const unit of symbols.units) {
    const decl = unit.decl;
    if (decl.kind !== 'Subflow' || symbols.subflows.get(decl.name.text) !== decl) continue;
    const name = decl.name.text;
    let waits = false;
    const calls: string[] = [];
    eachStatement(unit, (stmt) => {
      switch (stmt.kind) {
        case 'Say':
        case 'Play':
        case 'Menu':
        case 'Ask':
        case 'Question':
        case 'Queue':
          waits = true;
          return;
        case 'Let':
        case 'Set':
        case 'Data':
        case 'CallStmt': {
          const value = stmt.kind === 'Let' || stmt.kind === 'Set' ? stmt.value : stmt.call;
          if (value.kind !== 'Call' || !isWaitingCall(value)) return;
          if (!value.subflow) waits = true;
          else if (value.callee.kind === 'Ident') calls.push(value.callee.name);
          return;
        }
        default:
          return;
      }
    });
    direct.set(name, waits);
    callees.set(name, calls);
  }
  const memo = new Map<string, boolean>();
  const mayWait = (name: string): boolean => {
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, false); // a recursive call adds no wait by itself
    const result = direct.get(name) === true || (callees.get(name) ?? []).some(mayWait);
    memo.set(name, result);
    return result;
  };
  return mayWait;
}
