/**
 * Completion: what may be typed at the cursor. The cursor's line is read from the lexer's tokens
 * (cursor.ts), the enclosing block from indentation (block-context.ts), names and types from the
 * recovered AST. Each of those works on half-typed text, so completion does too, and it never throws.
 */
import type { Locale } from '../diagnostic.ts';
import { nodePathAt } from '../walk.ts';
import type { Workspace } from '../workspace.ts';
import { type BlockContext, blockAt, insideOf, outermost } from './block-context.ts';
import {
  type CompletionItem,
  dataSourceItems,
  type ItemScope,
  keywordItem,
  keywordItems,
  musicItems,
  timeZoneItems,
  variableItems,
  workspaceNameItems,
} from './completion-items.ts';
import { type CompletionContext, statementItems } from './completion-statement.ts';
import { cursorAt } from './cursor.ts';
import { type ParsedDocument, parseDocument } from './parsed-document.ts';
import { snippetItems } from './snippets.ts';

export type { CompletionItem, CompletionKind } from './completion-items.ts';

/** Characters after which an editor should ask for completion without a shortcut. */
export const COMPLETION_TRIGGER_CHARACTERS = ['.', '"', ' ', '{', '('];

export interface ServiceOptions {
  locale?: Locale;
}

export function complete(
  source: string,
  offset: number,
  workspace: Workspace,
  options: ServiceOptions = {},
): CompletionItem[] {
  return completeParsed(parseDocument(source), offset, workspace, options);
}

/** `complete` on an already parsed document (LanguageService caches the parse). */
export function completeParsed(
  parsed: ParsedDocument,
  offset: number,
  workspace: Workspace,
  options: ServiceOptions = {},
): CompletionItem[] {
  try {
    return rank(
      itemsAt(parsed, clampOffset(offset, parsed.text.text.length), workspace, options.locale ?? 'en'),
    );
  } catch {
    // Completion is a convenience: a bug here must never break typing.
    return [];
  }
}

function clampOffset(offset: number, length: number): number {
  return Number.isFinite(offset) ? Math.max(0, Math.min(Math.trunc(offset), length)) : length;
}

function itemsAt(parsed: ParsedDocument, offset: number, workspace: Workspace, locale: Locale): Item[] {
  const cursor = cursorAt(parsed.text, offset);
  if (cursor.mode === 'comment') return [];
  const scope: ItemScope = {
    range: parsed.text.range(cursor.replaceStart, cursor.replaceEnd),
    locale,
    workspace,
  };
  const ctx: CompletionContext = {
    parsed,
    cursor,
    scope,
    block: () => (block ??= blockAt(parsed.text, cursor.line, cursor.indent)),
  };
  let block: BlockContext | undefined;
  if (cursor.mode === 'js' || insideJs(parsed, offset)) {
    // JavaScript sees the flow's variables read-only; the flow's keywords mean nothing there.
    const variables = parsed.scope(workspace).variablesAt(offset, cursor.lineStart);
    return withPrefix(variableItems(variables, scope), cursor.prefix);
  }
  if (cursor.mode === 'string') return withPrefix(stringItems(ctx), cursor.prefix);
  if (cursor.tokens.length === 0 && !cursor.inHole) {
    return withPrefix(cursor.startsLine ? lineStartItems(ctx) : branchItems(ctx), cursor.prefix);
  }
  return withPrefix(statementItems(ctx), cursor.prefix);
}

function insideJs(parsed: ParsedDocument, offset: number): boolean {
  return nodePathAt(parsed.document, offset).some(
    (node) =>
      (node.kind === 'Js' || node.kind === 'JsExpr') &&
      node.codeRange.start.offset <= offset &&
      offset <= node.codeRange.end.offset,
  );
}

/** Inside `"…"`: names of the kind the words before the string ask for. */
function stringItems(ctx: CompletionContext): CompletionItem[] {
  const { tokens } = ctx.cursor;
  const words = tokens.map((t) => t.image);
  const last = words.at(-1);
  if (last === 'queue') return workspaceNameItems('queue', ctx.scope, false);
  if (last === 'play') return workspaceNameItems('prompt', ctx.scope, false);
  if (last === 'within') return workspaceNameItems('calendar', ctx.scope, false);
  if (last === 'group' && words.length === 1) return workspaceNameItems('group', ctx.scope, false);
  if (last === 'timezone' && words.length === 1) return timeZoneItems(ctx.scope, false);
  if (last === 'music' && words.length === 1) return musicItems(ctx.scope, false);
  if (afterSkills(words)) return workspaceNameItems('skill', ctx.scope, false);
  return [];
}

/** `skills "a", "b", |`: the list of skills is still open. */
function afterSkills(words: string[]): boolean {
  let i = words.length - 1;
  while (i >= 1 && words[i] === ',' && words[i - 1].startsWith('"')) i -= 2;
  return words[i] === 'skills';
}

const HEADER_CLAUSES = ['answers', 'language', 'fallback', 'group', 'timezone'];
const STATEMENT_KEYWORDS = [
  'say',
  'play',
  'menu',
  'ask',
  'question',
  'let',
  'set',
  'if',
  'goto',
  'retry',
  'queue',
  'transfer',
  'record',
  'hangup',
  'log',
  'call',
  'js',
];

/** The first word of a line: what the enclosing block accepts there. */
function lineStartItems(ctx: CompletionContext): CompletionItem[] {
  const block = ctx.block();
  const parent = block.ancestors[0];
  const { scope } = ctx;
  if (!parent)
    return [...snippetItems(['top'], scope), ...keywordItems(['flow', 'survey', 'subflow'], scope)];
  switch (parent.owner) {
    case 'flow':
    case 'survey': {
      if (block.ancestors.length > 1) break;
      const inHeader = block.siblingsBefore.every((s) => HEADER_CLAUSES.includes(s.word));
      const stepsStarted = block.siblingsBefore.some((s) => s.word === 'step');
      return [
        ...(inHeader ? keywordItems(HEADER_CLAUSES, scope) : []),
        ...(stepsStarted ? [] : statements(ctx, block)),
        keywordItem('step', scope),
        ...snippetItems(['flowBody'], scope),
      ];
    }
    case 'menu':
      return [...keywordItems(['prompt', 'on', 'after'], scope), ...snippetItems(['menu'], scope)];
    case 'ask':
      return [...keywordItems(['prompt', 'on', 'after'], scope), ...snippetItems(['ask'], scope)];
    case 'queue':
      return [...keywordItems(['announce', 'music', 'on'], scope), ...snippetItems(['queueBlock'], scope)];
    case 'question':
      return [...keywordItems(['option', 'on'], scope), ...snippetItems(['question'], scope)];
  }
  if (parent.dataCall) {
    return [{ ...keywordItem('on', scope, 'on error -> '), label: 'on error' }];
  }
  return statements(ctx, block);
}

/** After `->` or `, then`: one statement. */
function branchItems(ctx: CompletionContext): CompletionItem[] {
  return statements(ctx, ctx.block());
}

function statements(ctx: CompletionContext, block: BlockContext): CompletionItem[] {
  const { scope } = ctx;
  const words = [...STATEMENT_KEYWORDS];
  const previous = block.siblingsBefore.at(-1)?.word;
  if (ctx.cursor.startsLine && (previous === 'if' || previous === 'else')) words.push('else');
  if (insideOf(block, 'menu', 'ask')) words.push('repeat');
  if (outermost(block)?.word === 'subflow') words.push('return');
  return [...keywordItems(words, scope), ...dataSourceItems(scope), ...snippetItems(['statement'], scope)];
}

type Item = CompletionItem & { match?: number };

/** Keeps items the typed prefix matches (prefix first, then fuzzy), numbering them for sortText. */
function withPrefix(items: CompletionItem[], prefix: string): Item[] {
  const seen = new Set<string>();
  const wanted = prefix.toLowerCase();
  const out: Item[] = [];
  for (const item of items) {
    const key = `${item.kind}:${item.label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const text = item.label.toLowerCase();
    const match = text.startsWith(wanted) ? 0 : isSubsequence(wanted, text) ? 1 : -1;
    if (match >= 0) out.push({ ...item, match });
  }
  return out;
}

function isSubsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (const c of hay) if (c === needle[i]) i++;
  return i === needle.length;
}

function rank(items: Item[]): CompletionItem[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (a.item.match ?? 0) - (b.item.match ?? 0) || a.index - b.index)
    .map(({ item }, index) => {
      const { match: _match, ...rest } = item;
      return { ...rest, sortText: String(index).padStart(4, '0') };
    });
}
