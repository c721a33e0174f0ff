/**
 * Go to definition and find references: steps (from `goto`/`retry`), subflows (from `call`) and
 * variables (from any use, `set` included). Works on the recovered AST, so it answers for every
 * line the parser could read.
 */
import type { AnyNode, Declaration, Document, Name, SubflowDecl } from '../ast.ts';
import type { SourceRange } from '../source-range.ts';
import { nodePathAt, walk } from '../walk.ts';
import { EMPTY_WORKSPACE } from '../workspace.ts';
import { type ParsedDocument, parseDocument } from './parsed-document.ts';
import { enclosingDeclaration } from './scope.ts';

/** What the name under the cursor refers to. */
export type SymbolTarget =
  | { kind: 'step'; name: string; declaration: Name | null; flow: Declaration }
  | { kind: 'subflow'; name: string; declaration: SubflowDecl | null }
  | { kind: 'variable'; name: string; declaration: Name | null; unit: Declaration };

export function definition(source: string, offset: number): SourceRange | null {
  return definitionParsed(parseDocument(source), offset);
}

export function definitionParsed(parsed: ParsedDocument, offset: number): SourceRange | null {
  try {
    const target = targetAt(parsed, offset);
    if (!target) return null;
    if (target.kind === 'subflow') return target.declaration?.name.range ?? null;
    return target.declaration?.range ?? null;
  } catch {
    return null;
  }
}

export interface ReferenceOptions {
  /** Include the declaring name itself (default true). */
  includeDeclaration?: boolean;
}

/** Every place the step, subflow or variable under the cursor is named, in source order. */
export function references(source: string, offset: number, options: ReferenceOptions = {}): SourceRange[] {
  return referencesParsed(parseDocument(source), offset, options);
}

export function referencesParsed(
  parsed: ParsedDocument,
  offset: number,
  options: ReferenceOptions = {},
): SourceRange[] {
  try {
    const target = targetAt(parsed, offset);
    if (!target) return [];
    const ranges = collectReferences(parsed.document, target);
    const declared = declarationRange(target);
    const all = options.includeDeclaration === false ? ranges : declared ? [declared, ...ranges] : ranges;
    return all.sort((a, b) => a.start.offset - b.start.offset);
  } catch {
    return [];
  }
}

function declarationRange(target: SymbolTarget): SourceRange | null {
  if (target.kind === 'subflow') return target.declaration?.name.range ?? null;
  return target.declaration?.range ?? null;
}

/** The step, subflow or variable named at `offset`, or null. */
export function targetAt(parsed: ParsedDocument, offset: number): SymbolTarget | null {
  const path = nodePathAt(parsed.document, offset);
  const node = path.at(-1);
  const parent = path.at(-2);
  if (!node || !parent) return null;
  const unit = enclosingDeclaration(parsed.document, offset);
  if (!unit) return null;
  if (node.kind === 'Name') {
    switch (parent.kind) {
      case 'Goto':
      case 'Retry':
      case 'Step':
        return stepTarget(node.text, unit);
      case 'Subflow':
        return parent.name === node
          ? subflowTarget(parsed.document, node.text)
          : variableTarget(parsed, node.text, offset, unit);
      case 'Let':
      case 'Set':
      case 'Ask':
        return parent.target === node ? variableTarget(parsed, node.text, offset, unit) : null;
      case 'Question':
        return parent.name === node ? variableTarget(parsed, node.text, offset, unit) : null;
      default:
        return null;
    }
  }
  if (node.kind === 'Ident') {
    if (parent.kind === 'Call' && parent.callee === node) {
      return parent.subflow ? subflowTarget(parsed.document, node.name) : null;
    }
    return variableTarget(parsed, node.name, offset, unit);
  }
  return null;
}

function stepTarget(name: string, flow: Declaration): SymbolTarget | null {
  if (flow.kind !== 'Flow') return null;
  const step = flow.steps.find((s) => s.name.text === name);
  return { kind: 'step', name, declaration: step?.name ?? null, flow };
}

function subflowTarget(document: Document, name: string): SymbolTarget {
  const declaration = document.declarations.find(
    (d): d is SubflowDecl => d.kind === 'Subflow' && d.name.text === name,
  );
  return { kind: 'subflow', name, declaration: declaration ?? null };
}

function variableTarget(
  parsed: ParsedDocument,
  name: string,
  offset: number,
  unit: Declaration,
): SymbolTarget | null {
  const variable = parsed.scope(EMPTY_WORKSPACE).resolve(name, offset);
  // A name that is neither declared here nor a variable at all (`caller`) has nothing to go to.
  if (!variable) return null;
  return { kind: 'variable', name, declaration: variable.declaration, unit };
}

/** Uses of the target (not its declaration). */
function collectReferences(document: Document, target: SymbolTarget): SourceRange[] {
  const found: SourceRange[] = [];
  const root: AnyNode =
    target.kind === 'subflow' ? document : target.kind === 'step' ? target.flow : target.unit;
  const declared = target.kind === 'subflow' ? target.declaration?.name : target.declaration;
  walk(root, (node, parent) => {
    if (
      target.kind === 'step' &&
      (node.kind === 'Goto' || node.kind === 'Retry') &&
      node.target.text === target.name
    ) {
      found.push(node.target.range);
    }
    if (target.kind === 'subflow' && node.kind === 'Call' && node.subflow && node.callee.kind === 'Ident') {
      if (node.callee.name === target.name) found.push(node.callee.range);
    }
    if (target.kind === 'variable') {
      const isCallee = parent?.kind === 'Call' && parent.callee === node;
      if (node.kind === 'Ident' && node.name === target.name && !isCallee) found.push(node.range);
      if (node.kind === 'Set' && node.target.text === target.name) found.push(node.target.range);
      const declares = (node.kind === 'Let' || node.kind === 'Ask') && node.target.text === target.name;
      // A second declaration of the same name (the checker reports it) is still a reference.
      if (declares && node.target !== declared) found.push(node.target.range);
    }
    return undefined;
  });
  return found;
}
