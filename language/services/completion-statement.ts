// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${1:name}` is snippet placeholder syntax, not a template.
/**
 * Completion after the first word of a statement or clause: the names, clause keywords or
 * expressions its syntax (see ast.ts) expects next, given the words already typed on the line.
 */
import { builtinValue } from '../builtins.ts';
import type { CfToken } from '../lexer.ts';
import { StringLiteral } from '../tokens.ts';
import type { Type } from '../value-types.ts';
import type { BlockContext } from './block-context.ts';
import {
  builtinFunctionItems,
  type CompletionItem,
  dataSourceItems,
  type ItemScope,
  implicitValueItems,
  keywordItem,
  keywordItems,
  memberItems,
  musicItems,
  operationItems,
  stepItems,
  subflowItems,
  timeZoneItems,
  valueItems,
  variableItems,
  workspaceNameItems,
} from './completion-items.ts';
import type { Cursor } from './cursor.ts';
import { isWordToken } from './cursor.ts';
import type { ParsedDocument } from './parsed-document.ts';
import { enclosingDeclaration } from './scope.ts';
import { memberType } from './value-members.ts';

export interface CompletionContext {
  parsed: ParsedDocument;
  cursor: Cursor;
  scope: ItemScope;
  /** The enclosing block, computed on demand (it scans lines upwards). */
  block: () => BlockContext;
}

const SPOKEN = new Set(['say', 'prompt', 'announce', 'question']);
const EXPRESSION_WORDS = new Set([
  'and',
  'or',
  'not',
  'in',
  'is',
  'if',
  'priority',
  'return',
  'say',
  'announce',
]);

export function statementItems(ctx: CompletionContext): CompletionItem[] {
  const { cursor, scope } = ctx;
  const tokens = cursor.tokens;
  const words = tokens.map((t) => t.image);
  const last = words.at(-1) ?? '';
  const first = cursor.inHole ? '' : words[0];
  const n = words.length;

  if (last === '.') return memberAccessItems(ctx, tokens);
  if (cursor.inHole) return expressionItems(ctx, tokens, true);
  if (last === 'within') return workspaceNameItems('calendar', scope, true);

  switch (first) {
    case 'goto':
      return n === 1
        ? stepItems(enclosingDeclaration(ctx.parsed.document, cursor.offset), scope, ctx.parsed.text)
        : [];
    case 'retry':
      return retryItems(ctx, words);
    case 'call':
      return n === 1 ? subflowItems(ctx.parsed.document, scope) : expressionItems(ctx, tokens, false);
    case 'play':
      return n === 1 ? workspaceNameItems('prompt', scope, true) : [];
    case 'queue':
      return queueItems(ctx, tokens, words);
    case 'transfer':
      if (n === 1) return keywordItems(['to'], scope);
      if (n === 2) return keywordItems(['extension', 'queue', 'number'], scope);
      if (n === 3 && words[2] === 'queue') return workspaceNameItems('queue', scope, true);
      return expressionItems(ctx, tokens.slice(3), false);
    case 'record':
      return n === 1 ? keywordItems(['call'], scope) : [];
    case 'after':
      return n === 1 ? keywordItems(['retries'], scope) : [];
    case 'on':
      return last === 'on' || last === ',' ? onItems(ctx) : [];
    case 'language':
      return n === 1 ? languageItems(scope) : [];
    case 'group':
      return n === 1 ? workspaceNameItems('group', scope, true) : [];
    case 'music':
      return n === 1 ? musicItems(scope, true) : [];
    case 'timezone':
      return n === 1 ? timeZoneItems(scope, true) : [];
    case 'menu':
      return n >= 2 ? unusedKeywords(['retries', 'timeout'], words, scope) : [];
    case 'ask':
      return askItems(ctx, words);
    case 'question':
      return n >= 3 && isStringEnd(tokens.at(-1))
        ? keywordItems(['yesno', 'choice', 'number', 'text'], scope)
        : [];
    case 'announce':
      return n >= 2 && isStringEnd(tokens.at(-1))
        ? keywordItems(['every'], scope)
        : expressionItems(ctx, tokens.slice(1), true);
    case 'prompt':
      if (n === 1) return [...keywordItems(['play'], scope), ...expressionItems(ctx, [], true)];
      return words[1] === 'play' && n === 2
        ? workspaceNameItems('prompt', scope, true)
        : expressionItems(ctx, tokens.slice(1), true);
    case 'else':
      return n === 1 ? keywordItems(['if'], scope) : expressionItems(ctx, tokens.slice(2), false);
    case 'set':
      if (n === 1) return variableItems(visibleVariables(ctx), scope);
      return assignmentItems(ctx, tokens);
    case 'let':
    case 'log':
      return assignmentItems(ctx, tokens);
    case 'if':
    case 'return':
      return expressionItems(ctx, tokens.slice(1), false);
    case 'say':
      return expressionItems(ctx, tokens.slice(1), true);
    case 'step':
    case 'subflow':
    case 'flow':
    case 'survey':
    case 'answers':
    case 'option':
    case 'fallback':
      return [];
  }
  return EXPRESSION_WORDS.has(last) || isOperator(last) ? expressionItems(ctx, tokens, false) : [];
}

function retryItems(ctx: CompletionContext, words: string[]): CompletionItem[] {
  const { scope } = ctx;
  const last = words.at(-1);
  if (words.length === 1) {
    return stepItems(enclosingDeclaration(ctx.parsed.document, ctx.cursor.offset), scope, ctx.parsed.text);
  }
  if (words.length === 2) {
    return [
      { ...keywordItem('at', scope, 'at most ${1:3} times, then $0'), label: 'at most', isSnippet: true },
    ];
  }
  if (last === 'at') return keywordItems(['most'], scope);
  if (words.at(-2) === 'most') return keywordItems(['times'], scope);
  if (last === 'times') return [{ ...keywordItem('then', scope, ', then '), label: ', then' }];
  if (last === ',' && words.at(-2) === 'times') return keywordItems(['then'], scope);
  return [];
}

/** `queue "x" priority … skills "a", "b" max wait 10m`: clause keywords, skills, or the priority. */
function queueItems(ctx: CompletionContext, tokens: CfToken[], words: string[]): CompletionItem[] {
  const { scope } = ctx;
  if (words.length === 1) return workspaceNameItems('queue', scope, true);
  const clauses = ['priority', 'skills', 'max'];
  let clause = '';
  let clauseAt = 0;
  words.forEach((w, i) => {
    if (clauses.includes(w) || w === 'wait') {
      clause = w;
      clauseAt = i;
    }
  });
  const last = words.at(-1)!;
  const more = () => unusedKeywords(clauses, words, scope);
  switch (clause) {
    case '':
      return more();
    case 'priority': {
      const expr = tokens.slice(clauseAt + 1);
      if (expr.length > 0 && isOperand(expr.at(-1)!) && depth(expr) === 0)
        return [...more(), ...operatorItems(scope)];
      return expressionItems(ctx, expr, false);
    }
    case 'skills':
      return last === 'skills' || last === ',' ? workspaceNameItems('skill', scope, true) : more();
    case 'max':
      return last === 'max' ? keywordItems(['wait'], scope) : [];
    default:
      return last === 'wait' ? [] : more();
  }
}

/** `on |` under a menu, ask, queue, question or data operation: the events it may handle. */
function onItems(ctx: CompletionContext): CompletionItem[] {
  const parent = ctx.block().ancestors[0];
  const words: Record<string, string[]> = {
    menu: ['timeout', 'invalid'],
    ask: ['invalid', 'timeout'],
    queue: ['overflow'],
    question: ['yes', 'no'],
  };
  if (parent?.dataCall) return keywordItems(['error'], ctx.scope);
  const events = (parent && words[parent.owner]) ?? ['timeout', 'invalid', 'overflow', 'error', 'yes', 'no'];
  return keywordItems(events, ctx.scope);
}

function languageItems(scope: ItemScope): CompletionItem[] {
  const ru = scope.locale === 'ru';
  return valueItems(
    [
      ['ru', ru ? 'русский' : 'Russian'],
      ['uk', ru ? 'украинский' : 'Ukrainian'],
      ['en', ru ? 'английский' : 'English'],
    ],
    scope,
  );
}

/** `ask [secret] name = digits 4..12 until "#" timeout 7s interdigit 3s matching "…" retries 3`. */
function askItems(ctx: CompletionContext, words: string[]): CompletionItem[] {
  const { scope } = ctx;
  const last = words.at(-1);
  if (words.length === 1) return keywordItems(['secret'], scope);
  if (last === '=') return keywordItems(['digits'], scope);
  const options = ['until', 'timeout', 'interdigit', 'matching', 'retries'];
  if (!words.includes('digits') || options.includes(last ?? '') || last === 'digits' || last === '..')
    return [];
  return unusedKeywords(options, words, scope);
}

/** `let x = …`, `set x = …`, `log field = …`: nothing before `=`, an expression after it. */
function assignmentItems(ctx: CompletionContext, tokens: CfToken[]): CompletionItem[] {
  const eq = tokens.findIndex((t) => t.image === '=');
  if (eq < 0) return [];
  const expr = tokens.slice(eq + 1);
  const dataAllowed = tokens[0].image !== 'log' && expr.length === 0;
  const items = expressionItems(ctx, expr, false);
  if (!dataAllowed) return items;
  return [...items, ...keywordItems(['call'], ctx.scope), ...dataSourceItems(ctx.scope)];
}

/** Clause keywords not used yet on the line. */
function unusedKeywords(all: string[], words: string[], scope: ItemScope): CompletionItem[] {
  return keywordItems(
    all.filter((w) => !words.includes(w)),
    scope,
  );
}

/** Expression position: operands (variables, values, builtins) or, after an operand, operators. */
function expressionItems(ctx: CompletionContext, expr: CfToken[], spoken: boolean): CompletionItem[] {
  const { scope } = ctx;
  const last = expr.at(-1);
  if (last?.image === 'is') return keywordItems(['none', 'not'], scope);
  if (last?.image === 'not' && expr.at(-2)?.image === 'is') return keywordItems(['none'], scope);
  if (last && isOperand(last)) return operatorItems(scope);
  const line = ctx.parsed.text.lineText(ctx.cursor.line).trimStart();
  const inAnnounce = line.startsWith('announce');
  return [
    ...variableItems(visibleVariables(ctx), scope),
    ...implicitValueItems(scope, inAnnounce),
    ...builtinFunctionItems(
      scope,
      spoken || ctx.cursor.inHole || SPOKEN.has(ctx.cursor.tokens[0]?.image ?? ''),
    ),
    ...keywordItems(['not', 'true', 'false', 'none', 'within', 'js'], scope),
  ];
}

function operatorItems(scope: ItemScope): CompletionItem[] {
  return keywordItems(['and', 'or', 'is', 'in'], scope);
}

function visibleVariables(ctx: CompletionContext) {
  return ctx.parsed.scope(ctx.scope.workspace).variablesAt(ctx.cursor.offset, ctx.cursor.lineStart);
}

/** `caller.` → fields; `billing.` → operations; `account.` → the fields of its inferred type. */
function memberAccessItems(ctx: CompletionContext, tokens: CfToken[]): CompletionItem[] {
  const chain: string[] = [];
  let i = tokens.length - 1;
  while (i >= 1 && tokens[i].image === '.' && isWordToken(tokens[i - 1])) {
    chain.unshift(tokens[i - 1].image);
    i -= 2;
  }
  if (chain.length === 0) return [];
  const { workspace } = ctx.scope;
  if (chain.length === 1 && Object.hasOwn(workspace.dataSources, chain[0]))
    return operationItems(chain[0], ctx.scope);
  const variable = visibleVariables(ctx).find((v) => v.name === chain[0]);
  let type: Type | undefined = variable?.type ?? builtinValue(chain[0])?.type;
  if (!type) return [];
  for (const field of chain.slice(1)) type = memberType(type, field);
  return memberItems(type, ctx.scope);
}

function isStringEnd(token: CfToken | undefined): boolean {
  return token !== undefined && (token.tokenType === StringLiteral || token.image.endsWith('"'));
}

const OPERAND_WORDS = new Set(['none', 'true', 'false']);
const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'in', 'is', 'within']);

function isOperand(token: CfToken): boolean {
  const image = token.image;
  if (image === ')' || image === ']') return true;
  if (OPERAND_WORDS.has(image)) return true;
  if (OPERATOR_WORDS.has(image)) return false;
  return isWordToken(token) || /^[0-9"}]/.test(image);
}

function isOperator(image: string): boolean {
  return /^(==|!=|<=|>=|<|>|=|\+|-|\*|\/|%|\(|\[|,|\?|:)$/.test(image);
}

function depth(tokens: CfToken[]): number {
  let d = 0;
  for (const t of tokens) {
    if (t.image === '(' || t.image === '[') d++;
    else if (t.image === ')' || t.image === ']') d--;
  }
  return d;
}
