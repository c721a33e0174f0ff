/**
 * Statement-level traversal for checks: every statement of a flow or subflow (fallback clause,
 * entry body, steps, nested blocks, menu/ask prompts) with what the checker needs to know about
 * where it sits, and the expressions each statement holds together with their role.
 */
import type { AskStmt, Expr, FlowDecl, MenuStmt, Statement, StepDecl, SubflowDecl } from '../ast.ts';

export interface StatementPlace {
  /** The step the statement belongs to; null in the entry body, the fallback clause or a subflow. */
  step: StepDecl | null;
  /** The innermost menu or ask whose choice/handler holds the statement (what `repeat` re-prompts). */
  repeatable: MenuStmt | AskStmt | null;
  /** Inside an `after retries` branch (of the innermost menu/ask, which has no retries left). */
  afterRetries: boolean;
}

export type ExprRole =
  /** Say parts, prompts, question text: speech formats allowed. */
  | 'spoken'
  /** A queue's announce text: spoken, and `ewt`/`position` are known. */
  | 'announce'
  | 'condition'
  | 'priority'
  | 'value'
  | 'destination'
  | 'log'
  | 'return'
  /** A subflow or data-operation call used as a statement. */
  | 'call';

export interface ExprSlot {
  expr: Expr;
  role: ExprRole;
}

type Visit = (stmt: Statement, place: StatementPlace) => void;

const TOP: StatementPlace = { step: null, repeatable: null, afterRetries: false };

/** Visits every statement of a declaration in source order (pre-order: a statement before its blocks). */
export function forEachStatement(decl: FlowDecl | SubflowDecl, visit: Visit): void {
  if (decl.kind === 'Flow') {
    for (const clause of decl.header)
      if (clause.kind === 'Fallback') visitStatement(clause.action, TOP, visit);
    visitBlock(decl.body, TOP, visit);
    for (const step of decl.steps) visitBlock(step.body, { ...TOP, step }, visit);
  } else {
    visitBlock(decl.body, TOP, visit);
  }
}

export function visitBlock(stmts: Statement[], place: StatementPlace, visit: Visit): void {
  for (const stmt of stmts) visitStatement(stmt, place, visit);
}

function visitStatement(stmt: Statement, place: StatementPlace, visit: Visit): void {
  visit(stmt, place);
  switch (stmt.kind) {
    case 'Menu':
    case 'Ask': {
      for (const prompt of stmt.prompts) visit(prompt, place);
      const inside = { ...place, repeatable: stmt, afterRetries: false };
      const choices = stmt.kind === 'Menu' ? stmt.choices : stmt.handlers;
      for (const choice of choices) visitBlock(choice.body.body, inside, visit);
      // `repeat` in `after retries` re-prompts the enclosing menu or ask, if there is one.
      if (stmt.afterRetries) visitBlock(stmt.afterRetries.body, { ...place, afterRetries: true }, visit);
      return;
    }
    case 'Question':
      for (const branch of stmt.branches) visitBlock(branch.body.body, place, visit);
      return;
    case 'Let':
    case 'Set':
    case 'Data':
      if (stmt.onError) visitBlock(stmt.onError.body, place, visit);
      return;
    case 'If':
      visitBlock(stmt.then, place, visit);
      if (stmt.otherwise) visitBlock(stmt.otherwise, place, visit);
      return;
    case 'Retry':
      visitStatement(stmt.otherwise, place, visit);
      return;
    case 'Queue':
      if (stmt.onOverflow) visitBlock(stmt.onOverflow.body, place, visit);
      return;
    default:
      return;
  }
}

/** The expressions a statement holds directly (not those of nested statements), with their role. */
export function expressionsOf(stmt: Statement): ExprSlot[] {
  switch (stmt.kind) {
    case 'Say':
      return stmt.parts.map((expr) => ({ expr, role: 'spoken' }));
    case 'Question':
      return [{ expr: stmt.text, role: 'spoken' }];
    case 'Let':
    case 'Set':
      return [{ expr: stmt.value, role: 'value' }];
    case 'If':
      return [{ expr: stmt.condition, role: 'condition' }];
    case 'Queue': {
      const slots: ExprSlot[] = [];
      if (stmt.priority) slots.push({ expr: stmt.priority, role: 'priority' });
      if (stmt.announce) slots.push({ expr: stmt.announce, role: 'announce' });
      return slots;
    }
    case 'Transfer':
      return [{ expr: stmt.destination, role: 'destination' }];
    case 'Log':
      return [{ expr: stmt.value, role: 'log' }];
    case 'CallStmt':
    case 'Data':
      return [{ expr: stmt.call, role: 'call' }];
    case 'Return':
      return stmt.value ? [{ expr: stmt.value, role: 'return' }] : [];
    default:
      return [];
  }
}

export function isSpokenRole(role: ExprRole): boolean {
  return role === 'spoken' || role === 'announce';
}
