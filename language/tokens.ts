/**
 * Token definitions of the callflow language. Keywords are token types the lexer never matches
 * itself: every word is lexed as an Identifier and lexer.ts retypes keywords by table lookup (faster
 * than one pattern per keyword, and `numbers` stays a name). Two categories make most keywords usable
 * as names where that is unambiguous:
 *   - `MemberName`: any identifier or keyword, allowed after `.` (`account.number`, `x.text`);
 *   - `SoftName`: identifiers plus the "soft" keywords (`number`, `digits`, `text`, `timeout`, …),
 *     allowed as variable, step, function and field names. Statement keywords (`say`, `queue`, …) and
 *     expression keywords (`and`, `none`, `within`, …) stay reserved.
 */
import { createToken, Lexer, type TokenType } from 'chevrotain';
import { scanJsBlock, scanString } from './scan-literals.ts';

/** Every real token: lets the parser swallow a line it cannot read, so the error stays on that line. */
export const AnyToken = createToken({ name: 'AnyToken', pattern: Lexer.NA, label: 'a token' });
const any = [AnyToken];
/** Tokens that can never start a line: a line starting with one is skipped as a whole. */
export const NonLineStart = createToken({
  name: 'NonLineStart',
  pattern: Lexer.NA,
  categories: any,
  label: 'a token',
});
const inner = [NonLineStart];
export const MemberName = createToken({
  name: 'MemberName',
  pattern: Lexer.NA,
  categories: any,
  label: 'a name',
});
export const SoftName = createToken({
  name: 'SoftName',
  pattern: Lexer.NA,
  categories: [MemberName],
  label: 'a name',
});

// Virtual tokens emitted by the indentation pass (lexer.ts).
export const Newline = createToken({ name: 'Newline', pattern: Lexer.NA, label: 'end of line' });
export const Indent = createToken({ name: 'Indent', pattern: Lexer.NA, label: 'an indented block' });
export const Outdent = createToken({ name: 'Outdent', pattern: Lexer.NA, label: 'end of block' });
// A string with `{expr}` parts is split by the lexer into head `"text{`, middles `}text{`, tail `}text"`.
export const TemplateHead = createToken({
  name: 'TemplateHead',
  pattern: Lexer.NA,
  categories: inner,
  label: 'a string',
});
export const TemplateMiddle = createToken({
  name: 'TemplateMiddle',
  pattern: Lexer.NA,
  categories: inner,
  label: "'}'",
});
export const TemplateTail = createToken({
  name: 'TemplateTail',
  pattern: Lexer.NA,
  categories: inner,
  label: "'}'",
});

export const LineBreak = createToken({
  name: 'LineBreak',
  pattern: /\r\n?|\n/,
  line_breaks: true,
  group: Lexer.SKIPPED,
});
export const Whitespace = createToken({
  name: 'Whitespace',
  pattern: /[ \t\f\v\u00a0\ufeff]+/,
  group: Lexer.SKIPPED,
});
export const Comment = createToken({ name: 'Comment', pattern: /\/\/[^\n\r]*/, group: 'comments' });

export const StringLiteral = createToken({
  name: 'StringLiteral',
  pattern: { exec: (text, offset) => matchString(text, offset, true) },
  line_breaks: false,
  start_chars_hint: ['"'],
  categories: inner,
  label: 'a string',
});
/** A string that reaches the end of the line; the lexer pass reports CF104 and turns it into a string. */
export const UnterminatedString = createToken({
  name: 'UnterminatedString',
  pattern: { exec: (text, offset) => matchString(text, offset, false) },
  line_breaks: false,
  start_chars_hint: ['"'],
  label: 'a string',
});

function matchString(text: string, offset: number, terminated: boolean): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 34) return null;
  const scan = scanString(text, offset);
  if (scan.terminated !== terminated) return null;
  return [text.slice(offset, scan.end)] as unknown as RegExpExecArray;
}

export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_\u0400-\u04FF][A-Za-z0-9_\u0400-\u04FF]*/,
  categories: [SoftName],
  label: 'a name',
});

/** `js { ... }` with balanced braces (JS strings and comments skipped); may span lines. */
export const JsBlock = createToken({
  name: 'JsBlock',
  pattern: { exec: (text, offset) => matchJs(text, offset, true) },
  line_breaks: true,
  start_chars_hint: ['j'],
  categories: any,
  label: "'js { … }'",
});
/** `js {` whose braces never close: reported as CF105, swallowed to the end of the line. */
export const UnterminatedJs = createToken({
  name: 'UnterminatedJs',
  pattern: { exec: (text, offset) => matchJs(text, offset, false) },
  line_breaks: false,
  start_chars_hint: ['j'],
  label: "'js { … }'",
});

function matchJs(text: string, offset: number, closed: boolean): RegExpExecArray | null {
  if (text.charCodeAt(offset) !== 106 || text.charCodeAt(offset + 1) !== 115) return null;
  const scan = scanJsBlock(text, offset);
  if (scan === null || scan.closed !== closed) return null;
  return [text.slice(offset, scan.end)] as unknown as RegExpExecArray;
}

export const Duration = createToken({
  name: 'Duration',
  pattern: /\d+(?:\.\d+)?(?:ms|h|m|s)(?![A-Za-z0-9_\u0400-\u04FF])/,
  start_chars_hint: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
  categories: inner,
  label: 'a duration (5s, 2m, 500ms)',
});
export const NumberLiteral = createToken({
  name: 'NumberLiteral',
  pattern: /\d+(?:\.\d+)?/,
  categories: inner,
  label: 'a number',
});

const punct = (name: string, pattern: RegExp, label: string): TokenType =>
  createToken({ name, pattern, label, categories: inner });
export const Arrow = punct('Arrow', /->/, "'->'");
export const DotDot = punct('DotDot', /\.\./, "'..'");
export const Dot = punct('Dot', /\./, "'.'");
export const Comma = punct('Comma', /,/, "','");
export const LParen = punct('LParen', /\(/, "'('");
export const RParen = punct('RParen', /\)/, "')'");
export const LBracket = punct('LBracket', /\[/, "'['");
export const RBracket = punct('RBracket', /]/, "']'");
export const QuestionMark = punct('QuestionMark', /\?/, "'?'");
export const Colon = punct('Colon', /:/, "':'");
export const EqEq = punct('EqEq', /==/, "'=='");
export const NotEq = punct('NotEq', /!=/, "'!='");
export const LtEq = punct('LtEq', /<=/, "'<='");
export const GtEq = punct('GtEq', />=/, "'>='");
export const Lt = punct('Lt', /</, "'<'");
export const Gt = punct('Gt', />/, "'>'");
export const Assign = punct('Assign', /=/, "'='");
export const Plus = punct('Plus', /\+/, "'+'");
export const Minus = punct('Minus', /-/, "'-'");
export const Star = punct('Star', /\*/, "'*'");
export const Slash = punct('Slash', /\//, "'/'");
export const Percent = punct('Percent', /%/, "'%'");
export const Hash = punct('Hash', /#/, "'#'");

/** Keywords that stay reserved: statement starters and expression words. */
const HARD_KEYWORDS = [
  'flow',
  'survey',
  'subflow',
  'step',
  'say',
  'play',
  'menu',
  'ask',
  'question',
  'let',
  'set',
  'if',
  'else',
  'goto',
  'retry',
  'repeat',
  'queue',
  'transfer',
  'record',
  'call',
  'hangup',
  'log',
  'return',
  'within',
  'and',
  'or',
  'not',
  'is',
  'none',
  'true',
  'false',
  'in',
] as const;

/** Keywords that are also valid names (`number(x)`, `account.text`, a step called `timeout`). */
const SOFT_KEYWORDS = [
  'answers',
  'language',
  'fallback',
  'group',
  'timezone',
  'prompt',
  'on',
  'after',
  'retries',
  'timeout',
  'secret',
  'digits',
  'until',
  'interdigit',
  'matching',
  'at',
  'most',
  'times',
  'then',
  'priority',
  'skills',
  'max',
  'wait',
  'announce',
  'every',
  'music',
  'overflow',
  'to',
  'extension',
  'number',
  'yesno',
  'choice',
  'text',
  'option',
  'yes',
  'no',
  'invalid',
  'error',
] as const;

export type KeywordText = (typeof HARD_KEYWORDS)[number] | (typeof SOFT_KEYWORDS)[number];

/** Hard keywords that only occur inside expressions, never at the start of a line. */
const EXPRESSION_KEYWORDS = new Set(['within', 'and', 'or', 'not', 'is', 'none', 'true', 'false', 'in']);

function keyword(word: string, soft: boolean): TokenType {
  return createToken({
    name: `Kw_${word}`,
    pattern: Lexer.NA,
    categories: soft ? [SoftName] : EXPRESSION_KEYWORDS.has(word) ? [MemberName, NonLineStart] : [MemberName],
    label: `'${word}'`,
  });
}

export const keywords = Object.fromEntries([
  ...HARD_KEYWORDS.map((w) => [w, keyword(w, false)]),
  ...SOFT_KEYWORDS.map((w) => [w, keyword(w, true)]),
]) as Record<KeywordText, TokenType>;

/** Words are lexed as identifiers and then looked up here: one pattern instead of one per keyword. */
export const keywordByText: ReadonlyMap<string, TokenType> = new Map(Object.entries(keywords));

export const isKeywordText = (word: string): word is KeywordText => Object.hasOwn(keywords, word);

/**
 * The lexer's patterns. Order matters: at an offset the first that matches wins. scan-tokens.ts
 * matches them by hand; a property test holds it to Chevrotain's lexer built from this list.
 */
export const lexerTokens: TokenType[] = [
  LineBreak,
  Whitespace,
  Comment,
  StringLiteral,
  UnterminatedString,
  JsBlock,
  UnterminatedJs,
  Duration,
  NumberLiteral,
  Arrow,
  DotDot,
  Dot,
  Comma,
  LParen,
  RParen,
  LBracket,
  RBracket,
  QuestionMark,
  Colon,
  EqEq,
  NotEq,
  LtEq,
  GtEq,
  Lt,
  Gt,
  Assign,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Hash,
  Identifier,
];

/** The parser's vocabulary: the lexed tokens plus categories and the tokens the lexer passes create. */
export const allTokens: TokenType[] = [
  ...lexerTokens,
  AnyToken,
  NonLineStart,
  MemberName,
  SoftName,
  Newline,
  Indent,
  Outdent,
  TemplateHead,
  TemplateMiddle,
  TemplateTail,
  ...Object.values(keywords),
];
