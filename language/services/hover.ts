/**
 * Hover: markdown about the thing under the cursor — a step (its first lines), a queue, prompt,
 * calendar, skill or group from the workspace, a data operation (signature, timeout, secret
 * parameters), a variable (type, secret), a builtin (its doc in the editor's language), or a
 * keyword (short help).
 */
import type { AnyNode, Member } from '../ast.ts';
import { builtinFunction, builtinValue } from '../builtins.ts';
import { resolveCall } from '../check/scope.ts';
import type { Locale } from '../diagnostic.ts';
import type { SourceRange } from '../source-range.ts';
import { isKeywordText, JsBlock } from '../tokens.ts';
import { formatType } from '../value-types.ts';
import { nodePathAt } from '../walk.ts';
import type { Workspace } from '../workspace.ts';
import { builtinMarkdown, codeBlock, implicitValueMarkdown, variableMarkdown } from './completion-items.ts';
import { targetAt } from './definition.ts';
import { declarationPreview } from './document-docs.ts';
import { keywordMarkdown } from './keyword-help.ts';
import { lineTokens, tokenEnd } from './line-tokens.ts';
import { type ParsedDocument, parseDocument } from './parsed-document.ts';
import {
  calendarMarkdown,
  dataSourceMarkdown,
  groupMarkdown,
  operationMarkdown,
  promptMarkdown,
  queueMarkdown,
  skillMarkdown,
} from './workspace-docs.ts';

export interface Hover {
  /** Markdown. */
  contents: string;
  range: SourceRange;
}

export interface HoverOptions {
  locale?: Locale;
}

export function hover(
  source: string,
  offset: number,
  workspace: Workspace,
  options: HoverOptions = {},
): Hover | null {
  return hoverParsed(parseDocument(source), offset, workspace, options);
}

export function hoverParsed(
  parsed: ParsedDocument,
  offset: number,
  workspace: Workspace,
  options: HoverOptions = {},
): Hover | null {
  const locale = options.locale ?? 'en';
  try {
    return nodeHover(parsed, offset, workspace, locale) ?? keywordHover(parsed, offset, locale);
  } catch {
    return null;
  }
}

function nodeHover(
  parsed: ParsedDocument,
  offset: number,
  workspace: Workspace,
  locale: Locale,
): Hover | null {
  const path = nodePathAt(parsed.document, offset);
  const node = path.at(-1);
  const parent = path.at(-2);
  const grandparent = path.at(-3);
  if (!node || !parent) return null;
  const at = (contents: string | null, range: SourceRange = node.range) =>
    contents ? { contents, range } : null;
  switch (node.kind) {
    case 'Name':
      if (parent.kind === 'Member')
        return memberHover(parsed, parent, grandparent, offset, workspace, locale);
      if (parent.kind === 'Language') return at(keywordMarkdown('language', locale));
      return symbolHover(parsed, offset, workspace, locale, node.range);
    case 'Ident': {
      if (parent.kind === 'Call' && parent.callee === node) {
        if (parent.subflow) return symbolHover(parsed, offset, workspace, locale, node.range);
        return at(builtinMarkdown(node.name, locale));
      }
      if (
        parent.kind === 'Member' &&
        parent.object === node &&
        Object.hasOwn(workspace.dataSources, node.name)
      ) {
        return at(dataSourceMarkdown(node.name, workspace, locale));
      }
      const variable = parsed.scope(workspace).resolve(node.name, offset);
      if (variable) return at(variableMarkdown(variable, locale));
      const value = builtinValue(node.name);
      return at(value ? implicitValueMarkdown(value, locale) : null);
    }
    case 'String':
      return at(stringHover(node.value, parent, workspace, locale));
    default:
      return null;
  }
}

/** A step, subflow or variable name (where it is declared or used). */
function symbolHover(
  parsed: ParsedDocument,
  offset: number,
  workspace: Workspace,
  locale: Locale,
  range: SourceRange,
): Hover | null {
  const target = targetAt(parsed, offset);
  if (!target) return null;
  if (target.kind === 'step') {
    const flow = target.flow.kind === 'Flow' ? target.flow : null;
    const step = flow?.steps.find((s) => s.name.text === target.name);
    return step ? { contents: declarationPreview(step, parsed.text), range } : null;
  }
  if (target.kind === 'subflow') {
    const decl = target.declaration;
    return decl ? { contents: declarationPreview(decl, parsed.text), range } : null;
  }
  const variable = parsed.scope(workspace).resolve(target.name, offset);
  return variable ? { contents: variableMarkdown(variable, locale), range } : null;
}

/** `billing.balance` in a call → the operation; `account.balance` → the field's type. */
function memberHover(
  parsed: ParsedDocument,
  member: Member,
  grandparent: AnyNode | undefined,
  offset: number,
  workspace: Workspace,
  locale: Locale,
): Hover | null {
  const range = member.property.range;
  if (grandparent?.kind === 'Call' && grandparent.callee === member) {
    const target = resolveCall(grandparent, parsed.scope(workspace).symbols, workspace);
    if (target.kind === 'data') {
      const contents = operationMarkdown(target.sourceName, target.operationName, workspace, locale);
      return contents ? { contents, range } : null;
    }
  }
  const type = parsed.scope(workspace).typeOf(member, offset);
  if (!type || type.kind === 'any') return null;
  return { contents: codeBlock(`${member.property.text}: ${formatType(type)}`), range };
}

/** A string naming a workspace entry: the queue of `queue "…"`, the prompt of `play "…"`, … */
function stringHover(value: string, parent: AnyNode, workspace: Workspace, locale: Locale): string | null {
  switch (parent.kind) {
    case 'Queue':
      if (parent.queue.value === value && Object.hasOwn(workspace.queues, value)) {
        return queueMarkdown(value, workspace, locale);
      }
      return parent.skills.some((s) => s.value === value) ? skillMarkdown(value, workspace, locale) : null;
    case 'Transfer':
      return parent.target === 'queue' ? queueMarkdown(value, workspace, locale) : null;
    case 'Play':
      return promptMarkdown(value, workspace, locale);
    case 'Within':
      return calendarMarkdown(value, workspace, locale);
    case 'Group':
      return groupMarkdown(value, workspace, locale);
    default:
      return null;
  }
}

/** Help for the keyword under the cursor (statement words are not AST nodes, so read the tokens). */
function keywordHover(parsed: ParsedDocument, offset: number, locale: Locale): Hover | null {
  const line = parsed.text.lineAt(offset);
  const { tokens } = lineTokens(parsed.text, line);
  const token = tokens.find((t) => t.startOffset <= offset && offset < tokenEnd(t));
  if (!token) return null;
  const word = token.tokenType === JsBlock ? 'js' : token.image;
  if (!isKeywordText(word) && word !== 'js') return null;
  // `number(x)` and `digits(x)` are builtins as well as keywords: the call wins.
  const next = tokens[tokens.indexOf(token) + 1];
  const contents =
    next?.image === '(' && builtinFunction(word)
      ? builtinMarkdown(word, locale)
      : keywordMarkdown(word, locale);
  if (!contents) return null;
  const end = word === 'js' ? token.startOffset + 2 : tokenEnd(token);
  return { contents, range: parsed.text.range(token.startOffset, end) };
}
