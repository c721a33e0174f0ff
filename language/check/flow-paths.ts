/**
 * Path analysis of one body (the entry, a step, a subflow) in a single linear pass: can control
 * reach its end, and from which statements; which jumps (goto/retry) and subflow calls it makes,
 * and whether the call has waited for the outside world on *every* path before each of them;
 * which statements no path reaches. control-flow.ts builds the step graph from these.
 */
import type { Branch, CallExpr, Expr, GotoStmt, Name, QuestionStmt, RetryStmt, Statement } from '../ast.ts';
import type { SourceRange } from '../source-range.ts';
import { headRange } from './ranges.ts';
import { isWaitingCall } from './scope.ts';

export interface Jump {
  target: Name;
  stmt: GotoStmt | RetryStmt;
  /** No wait point on some path from the body's start to here, and no `retry … at most` bound. */
  waitless: boolean;
}

export interface SubflowCall {
  name: string;
  call: CallExpr;
  waitless: boolean;
}

/** How control leaves the end of a statement or block; null when it never does. */
export type End = { exits: SourceRange[]; waited: boolean } | null;

export interface BodyPaths {
  /** Where the body can fall off its end (null: every path ends in a jump, hangup, queue, …). */
  end: End;
  jumps: Jump[];
  calls: SubflowCall[];
  /** The first statement of each block that no path reaches. */
  unreachable: Statement[];
}

/**
 * `mayWait(name)` says whether calling a subflow can wait (it holds a prompt, a data operation…).
 * `emptyExit` is where an empty body "ends" (the step's name).
 */
export function analyzeBody(
  body: Statement[],
  mayWait: (subflow: string) => boolean,
  emptyExit: SourceRange,
): BodyPaths {
  const out: BodyPaths = { end: null, jumps: [], calls: [], unreachable: [] };

  const block = (stmts: Statement[], waited: boolean, empty: SourceRange): End => {
    let end: End = { exits: [empty], waited };
    for (const stmt of stmts) {
      if (end === null) {
        out.unreachable.push(stmt);
        break;
      }
      end = statement(stmt, end.waited);
    }
    return end;
  };

  const branch = (b: Branch | null, empty: SourceRange): End => (b ? block(b.body, true, empty) : null);

  const callWaits = (call: CallExpr, waited: boolean): boolean => {
    if (!call.subflow) return call.callee.kind === 'Member';
    if (call.callee.kind !== 'Ident') return false;
    out.calls.push({ name: call.callee.name, call, waitless: !waited });
    return mayWait(call.callee.name);
  };

  /** let/set/data: a data operation or subflow call waits; `on error` runs after it failed. */
  const dataLike = (value: Expr, onError: Branch | null, head: SourceRange, waited: boolean): End => {
    if (value.kind !== 'Call' || !isWaitingCall(value)) return { exits: [head], waited };
    const after = { exits: [head], waited: waited || callWaits(value, waited) };
    return merge(after, branch(onError, head));
  };

  const statement = (stmt: Statement, waited: boolean): End => {
    const head = headRange(stmt);
    switch (stmt.kind) {
      case 'Say':
      case 'Play':
        return { exits: [head], waited: true };
      case 'Record':
      case 'Log':
      case 'Js':
        return { exits: [head], waited };
      case 'Let':
      case 'Set':
        return dataLike(stmt.value, stmt.onError, head, waited);
      case 'Data':
        return dataLike(stmt.call, stmt.onError, head, waited);
      case 'CallStmt':
        return { exits: [head], waited: callWaits(stmt.call, waited) || waited };
      case 'If':
        return merge(
          block(stmt.then, waited, head),
          stmt.otherwise ? block(stmt.otherwise, waited, head) : { exits: [head], waited },
        );
      case 'Goto':
        out.jumps.push({ target: stmt.target, stmt, waitless: !waited });
        return null;
      case 'Retry':
        out.jumps.push({ target: stmt.target, stmt, waitless: false });
        return statement(stmt.otherwise, waited);
      case 'Repeat':
      case 'Return':
      case 'Hangup':
      case 'Transfer':
        return null;
      case 'Queue':
        return branch(stmt.onOverflow, head);
      case 'Menu': {
        // Without `after retries` the call goes on after the menu once retries run out.
        let end = stmt.afterRetries ? branch(stmt.afterRetries, head) : { exits: [head], waited: true };
        for (const choice of stmt.choices) end = merge(end, branch(choice.body, choice.range));
        return end;
      }
      case 'Ask': {
        // A handler that completes re-prompts; only valid input or `after retries` go on.
        for (const handler of stmt.handlers) branch(handler.body, handler.range);
        return merge({ exits: [head], waited: true }, branch(stmt.afterRetries, head));
      }
      case 'Question': {
        let end: End = coversAllAnswers(stmt) ? null : { exits: [head], waited: true };
        for (const b of stmt.branches) end = merge(end, branch(b.body, b.range));
        return end;
      }
    }
  };

  out.end = block(body, false, emptyExit);
  return out;
}

function merge(a: End, b: End): End {
  if (a === null) return b;
  if (b === null) return a;
  return { exits: [...a.exits, ...b.exits], waited: a.waited && b.waited };
}

/** A question whose branches handle every possible answer never goes on past itself by default. */
function coversAllAnswers(stmt: QuestionStmt): boolean {
  const answered = new Set(stmt.branches.map((b) => b.answer.key));
  if (stmt.answerType === 'yesno') return answered.has('yes') && answered.has('no');
  if (stmt.answerType === 'choice')
    return stmt.options.length > 0 && stmt.options.every((o) => answered.has(o.key.key));
  return false;
}
