/**
 * Variables as editor services see them, on top of the checker's symbols (check/scope.ts) and type
 * inference (check/types.ts), so hover and completion show exactly the types the checker uses.
 * A flow or subflow is one namespace; completion offers the variables declared on earlier lines,
 * since those are the ones that hold a value when the cursor's line runs.
 */
import type { Declaration, Document, Expr, Name } from '../ast.ts';
import { buildSymbols, type Symbols, type Unit, type VariableSymbol } from '../check/scope.ts';
import { TypeInference } from '../check/types.ts';
import type { Type } from '../value-types.ts';
import type { Workspace } from '../workspace.ts';

export interface VariableInfo {
  name: string;
  /** The name node that declares the variable. */
  declaration: Name;
  origin: VariableSymbol['kind'];
  secret: boolean;
  type: Type;
}

/** Symbols and types of one parsed document against one workspace. */
export class DocumentScope {
  readonly symbols: Symbols;
  private readonly inference: TypeInference;

  constructor(
    readonly document: Document,
    readonly workspace: Workspace,
  ) {
    this.symbols = buildSymbols(document);
    this.inference = new TypeInference(this.symbols, workspace);
  }

  /** The flow or subflow at `offset`; past the end of a broken file, the last one started before it. */
  unitAt(offset: number): Unit | null {
    const declaration = enclosingDeclaration(this.document, offset);
    return this.symbols.units.find((unit) => unit.decl === declaration) ?? null;
  }

  variables(unit: Unit): VariableInfo[] {
    return [...unit.variables.values()].map((symbol) => this.info(symbol, unit));
  }

  /** Variables declared on lines before the cursor's (or parameters), at `offset`. */
  variablesAt(offset: number, lineStartOffset: number): VariableInfo[] {
    const unit = this.unitAt(offset);
    if (!unit) return [];
    return this.variables(unit).filter(
      (v) => v.origin === 'param' || v.declaration.range.start.offset < lineStartOffset,
    );
  }

  /** The variable a name used at `offset` refers to, wherever in its flow it is declared. */
  resolve(name: string, offset: number): VariableInfo | null {
    const unit = this.unitAt(offset);
    const symbol = unit?.variables.get(name);
    return unit && symbol ? this.info(symbol, unit) : null;
  }

  /** The type of an expression at `offset`, as the checker infers it (silently). */
  typeOf(expr: Expr, offset: number): Type | null {
    const unit = this.unitAt(offset);
    if (!unit) return null;
    return this.inference.infer(expr, { unit, spoken: true, announce: true, report: null });
  }

  private info(symbol: VariableSymbol, unit: Unit): VariableInfo {
    return {
      name: symbol.name,
      declaration: symbol.node,
      origin: symbol.kind,
      secret: symbol.secret,
      type: this.inference.variableType(symbol, unit),
    };
  }
}

export function enclosingDeclaration(document: Document, offset: number): Declaration | null {
  let found: Declaration | null = null;
  for (const declaration of document.declarations) {
    if (declaration.range.start.offset <= offset) found = declaration;
  }
  return found;
}
