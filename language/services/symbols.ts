/**
 * The outline: flows and surveys with their steps, menus with their choices, survey questions,
 * and subflows. Built from the recovered AST, so a syntax error hides only its own line.
 */
import type { Branch, Declaration, MenuChoice, Statement } from '../ast.ts';
import type { SourceRange } from '../source-range.ts';
import { nestedBlocks } from '../walk.ts';
import { type ParsedDocument, parseDocument } from './parsed-document.ts';
import type { SourceText } from './source-text.ts';

export type SymbolKind = 'flow' | 'survey' | 'subflow' | 'step' | 'menu' | 'choice' | 'question';

export interface DocumentSymbol {
  name: string;
  kind: SymbolKind;
  /** Extra text shown next to the name (parameters, retries, answer type). */
  detail: string;
  /** The whole construct. */
  range: SourceRange;
  /** What to select when the symbol is picked: its name. */
  selectionRange: SourceRange;
  children: DocumentSymbol[];
}

export function documentSymbols(source: string): DocumentSymbol[] {
  return documentSymbolsParsed(parseDocument(source));
}

export function documentSymbolsParsed(parsed: ParsedDocument): DocumentSymbol[] {
  try {
    return parsed.document.declarations.map((d) => declarationSymbol(d, parsed.text));
  } catch {
    return [];
  }
}

function declarationSymbol(declaration: Declaration, text: SourceText): DocumentSymbol {
  if (declaration.kind === 'Subflow') {
    return {
      name: declaration.name.text,
      kind: 'subflow',
      detail: `(${declaration.params.map((p) => p.text).join(', ')})`,
      range: declaration.range,
      selectionRange: declaration.name.range,
      children: blockSymbols(declaration.body, text),
    };
  }
  const steps = declaration.steps.map(
    (step): DocumentSymbol => ({
      name: step.name.text,
      kind: 'step',
      detail: '',
      range: step.range,
      selectionRange: step.name.range,
      children: blockSymbols(step.body, text),
    }),
  );
  return {
    name: declaration.name.value,
    kind: declaration.flavor,
    detail: declaration.header
      .filter((clause) => clause.kind === 'Answers')
      .flatMap((clause) => clause.numbers.map((n) => n.value))
      .join(', '),
    range: declaration.range,
    selectionRange: declaration.name.range,
    children: [...blockSymbols(declaration.body, text), ...steps],
  };
}

/** Menus and questions in a block, however deeply nested in branches. */
function blockSymbols(statements: Statement[], text: SourceText): DocumentSymbol[] {
  return statements.flatMap((statement): DocumentSymbol[] => {
    if (statement.kind === 'Menu') {
      const details = [
        statement.retries ? `retries ${statement.retries.value}` : '',
        statement.timeout ? `timeout ${statement.timeout.text}` : '',
      ];
      const choices = statement.choices.map((c) => choiceSymbol(c, text));
      if (statement.afterRetries) choices.push(branchSymbol('after retries', statement.afterRetries, text));
      return [
        {
          name: statement.name.text,
          kind: 'menu',
          detail: details.filter(Boolean).join(' '),
          range: statement.range,
          selectionRange: statement.name.range,
          children: choices,
        },
      ];
    }
    if (statement.kind === 'Question') {
      return [
        {
          name: statement.name.text,
          kind: 'question',
          detail: statement.answerType,
          range: statement.range,
          selectionRange: statement.name.range,
          children: statement.branches.map((b) => branchSymbol(`on ${b.answer.key}`, b.body, text)),
        },
      ];
    }
    return nestedBlocks(statement).flatMap((block) => blockSymbols(block, text));
  });
}

function choiceSymbol(choice: MenuChoice, text: SourceText): DocumentSymbol {
  const symbol = branchSymbol(`on ${choice.keys.map((k) => k.key).join(', ')}`, choice.body, text);
  const first = choice.keys[0];
  const last = choice.keys.at(-1);
  return {
    ...symbol,
    range: choice.range,
    selectionRange: first && last ? { start: first.range.start, end: last.range.end } : choice.range,
  };
}

/** A one-line branch shows its statement (`-> queue "general"`) as the detail. */
function branchSymbol(name: string, branch: Branch, text: SourceText): DocumentSymbol {
  const first = branch.body[0];
  const detail = branch.arrow && first ? `-> ${text.slice(first.range).split(/\r?\n/)[0].trim()}` : '';
  return {
    name,
    kind: 'choice',
    detail: detail.length > 60 ? `${detail.slice(0, 59)}…` : detail,
    range: branch.range,
    selectionRange: branch.range,
    children: blockSymbols(branch.body, text),
  };
}
