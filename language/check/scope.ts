/**
 * Symbols of a document. Each flow and each subflow is a *unit* with one flat namespace of variables
 * (declared by `let`, `ask`, `question` and subflow parameters, visible in every step of the unit
 * whatever the order), its steps and its menus. Subflows are shared by every flow of the file.
 * Duplicates are collected here and reported by `declarations.ts`.
 */
import type {
  AskStmt,
  CallExpr,
  Document,
  FlowDecl,
  LetStmt,
  MenuStmt,
  Name,
  QuestionStmt,
  Statement,
  StepDecl,
  SubflowDecl,
} from '../ast.ts';
import { type BuiltinFunction, type BuiltinValue, builtinFunction, builtinValue } from '../builtins.ts';
import type { SourceRange } from '../source-range.ts';
import type { DataSourceConfig, OperationConfig, Workspace } from '../workspace.ts';
import { type ExprSlot, expressionsOf, forEachStatement, type StatementPlace } from './statements.ts';

export type VariableKind = 'let' | 'ask' | 'question' | 'param';

export interface VariableSymbol {
  name: string;
  kind: VariableKind;
  node: Name;
  secret: boolean;
  declaration: LetStmt | AskStmt | QuestionStmt | null;
}

export interface PlacedStatement {
  stmt: Statement;
  place: StatementPlace;
  /** The statement's own expressions with their roles (`expressionsOf`). */
  slots: ExprSlot[];
}

export interface Unit {
  decl: FlowDecl | SubflowDecl;
  /** Every statement with its place, collected once so each check loops over an array. */
  statements: PlacedStatement[];
  variables: Map<string, VariableSymbol>;
  /** Named steps (flows only). */
  steps: Map<string, StepDecl>;
  menus: Map<string, MenuStmt>;
}

export interface Duplicate {
  key: string;
  range: SourceRange;
  args: Record<string, string | number>;
}

export interface Symbols {
  units: Unit[];
  subflows: Map<string, SubflowDecl>;
  duplicates: Duplicate[];
}

export function buildSymbols(document: Document): Symbols {
  const duplicates: Duplicate[] = [];
  const subflows = new Map<string, SubflowDecl>();
  for (const decl of document.declarations) {
    if (decl.kind !== 'Subflow') continue;
    const first = subflows.get(decl.name.text);
    if (first) duplicates.push(duplicate('CF213', decl.name, first.name));
    else subflows.set(decl.name.text, decl);
  }
  const units = document.declarations.map((decl) => buildUnit(decl, duplicates));
  return { units, subflows, duplicates };
}

function buildUnit(decl: FlowDecl | SubflowDecl, duplicates: Duplicate[]): Unit {
  const unit: Unit = { decl, statements: [], variables: new Map(), steps: new Map(), menus: new Map() };
  const declare = (
    node: Name,
    kind: VariableKind,
    secret: boolean,
    declaration: VariableSymbol['declaration'],
  ) => {
    if (builtinValue(node.text)) {
      duplicates.push({ key: 'CF213.builtin', range: node.range, args: { name: node.text } });
      return;
    }
    const first = unit.variables.get(node.text);
    if (first) duplicates.push(duplicate('CF213.variable', node, first.node));
    else unit.variables.set(node.text, { name: node.text, kind, node, secret, declaration });
  };
  if (decl.kind === 'Subflow') {
    for (const param of decl.params) declare(param, 'param', false, null);
  } else {
    for (const step of decl.steps) {
      const first = unit.steps.get(step.name.text);
      if (first) duplicates.push(duplicate('CF212', step.name, first.name));
      else unit.steps.set(step.name.text, step);
    }
  }
  forEachStatement(decl, (stmt, place) => {
    unit.statements.push({ stmt, place, slots: expressionsOf(stmt) });
    switch (stmt.kind) {
      case 'Let':
        declare(stmt.target, 'let', false, stmt);
        return;
      case 'Ask':
        declare(stmt.target, 'ask', stmt.secret, stmt);
        return;
      case 'Question':
        declare(stmt.name, 'question', false, stmt);
        return;
      case 'Menu': {
        const first = unit.menus.get(stmt.name.text);
        if (first) duplicates.push(duplicate('CF213', stmt.name, first.name));
        else unit.menus.set(stmt.name.text, stmt);
        return;
      }
      default:
        return;
    }
  });
  return unit;
}

function duplicate(key: string, node: Name, first: Name): Duplicate {
  return { key, range: node.range, args: { name: node.text, line: first.range.start.line } };
}

/** Visits the unit's statements (see `forEachStatement` for the order). */
export function eachStatement(
  unit: Unit,
  visit: (stmt: Statement, place: StatementPlace, slots: ExprSlot[]) => void,
): void {
  for (const { stmt, place, slots } of unit.statements) visit(stmt, place, slots);
}

export type NameTarget =
  | { kind: 'variable'; symbol: VariableSymbol }
  | { kind: 'builtin'; value: BuiltinValue }
  | { kind: 'unknown' };

export function resolveName(unit: Unit, name: string): NameTarget {
  const symbol = unit.variables.get(name);
  if (symbol) return { kind: 'variable', symbol };
  const value = builtinValue(name);
  if (value) return { kind: 'builtin', value };
  return { kind: 'unknown' };
}

export type CallTarget =
  | { kind: 'builtin'; fn: BuiltinFunction }
  | { kind: 'subflow'; decl: SubflowDecl }
  | {
      kind: 'data';
      sourceName: string;
      source: DataSourceConfig;
      operationName: string;
      operation: OperationConfig;
    }
  | { kind: 'unknown-function'; name: Name; isSubflow: boolean }
  | { kind: 'unknown-subflow'; name: Name }
  | { kind: 'unknown-source'; node: Name | null; range: SourceRange }
  | { kind: 'unknown-operation'; sourceName: string; name: Name };

/** What a call refers to: a builtin, a subflow (`call f()`) or a data operation (`source.op()`). */
export function resolveCall(call: CallExpr, symbols: Symbols, workspace: Workspace): CallTarget {
  const callee = call.callee;
  if (callee.kind === 'Ident') {
    const name: Name = { kind: 'Name', text: callee.name, range: callee.range };
    const decl = symbols.subflows.get(callee.name);
    if (call.subflow) return decl ? { kind: 'subflow', decl } : { kind: 'unknown-subflow', name };
    const fn = builtinFunction(callee.name);
    if (fn) return { kind: 'builtin', fn };
    return { kind: 'unknown-function', name, isSubflow: decl !== undefined };
  }
  if (call.subflow) return { kind: 'unknown-subflow', name: callee.property };
  if (callee.object.kind !== 'Ident')
    return { kind: 'unknown-source', node: null, range: callee.object.range };
  const sourceName = callee.object.name;
  const source = Object.hasOwn(workspace.dataSources, sourceName)
    ? workspace.dataSources[sourceName]
    : undefined;
  if (!source) {
    const node: Name = { kind: 'Name', text: sourceName, range: callee.object.range };
    return { kind: 'unknown-source', node, range: callee.object.range };
  }
  const operationName = callee.property.text;
  const operation = Object.hasOwn(source.operations, operationName)
    ? source.operations[operationName]
    : undefined;
  if (!operation) return { kind: 'unknown-operation', sourceName, name: callee.property };
  return { kind: 'data', sourceName, source, operationName, operation };
}

/** Calls that make the call wait for the outside world: data operations and subflow calls. */
export function isWaitingCall(call: CallExpr): boolean {
  return call.subflow || call.callee.kind === 'Member';
}
