/**
 * Turns Chevrotain's parse errors into CF101 diagnostics. The parser's message provider does not
 * write prose: it encodes what was expected (phrase keys from messages-syntax.ts, or literal token
 * labels prefixed with `=`) so parse.ts can localize the message once it knows the locale.
 */
import {
  EOF,
  type IParserErrorMessageProvider,
  type IRecognitionException,
  type IToken,
  type TokenType,
} from 'chevrotain';
import type { Diagnostic, Locale } from './diagnostic.ts';
import { tokenRange } from './lexer.ts';
import { phrase, syntaxDiagnostic } from './messages-syntax.ts';
import type { Position, SourceRange } from './source-range.ts';

const PHRASE_BY_TOKEN: Record<string, string> = {
  StringLiteral: 'string',
  UnterminatedString: 'string',
  TemplateHead: 'string',
  NumberLiteral: 'number',
  Duration: 'duration',
  Identifier: 'name',
  SoftName: 'name',
  MemberName: 'name',
  Newline: 'endOfLine',
  Indent: 'indentedBlock',
  Outdent: 'endOfBlock',
  EOF: 'endOfFile',
};

function describeType(type: TokenType): string {
  return PHRASE_BY_TOKEN[type.name] ?? `=${type.LABEL ?? type.name}`;
}

function encode(expected: string[]): string {
  return JSON.stringify([...new Set(expected)].slice(0, 8));
}

export const syntaxErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected }) => encode([describeType(expected)]),
  buildNotAllInputParsedMessage: () => encode(['endOfFile']),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, customUserDescription }) =>
    customUserDescription
      ? customUserDescription
      : encode(expectedPathsPerAlt.flatMap((paths) => paths.map((path) => describeType(path[0] ?? EOF)))),
  buildEarlyExitMessage: ({ expectedIterationPaths, customUserDescription }) =>
    customUserDescription
      ? customUserDescription
      : encode(expectedIterationPaths.map((path) => describeType(path[0] ?? EOF))),
};

const VIRTUAL = new Set(['Newline', 'Indent', 'Outdent', 'EOF']);

const isReal = (t: IToken | undefined): t is IToken =>
  t !== undefined && !Number.isNaN(t.startOffset) && t.tokenType !== EOF && !t.isInsertedInRecovery;

function describeToken(t: IToken, locale: Locale): string {
  const name = t.tokenType?.name ?? 'EOF';
  if (VIRTUAL.has(name) || !isReal(t)) return phrase(PHRASE_BY_TOKEN[name] ?? 'endOfFile', locale);
  const image = t.image.length > 30 ? `${t.image.slice(0, 30)}…` : t.image;
  return locale === 'ru' ? `«${image}»` : `'${image}'`;
}

/** CF101 diagnostics for the parser's errors, at most one per line (later ones are cascades). */
export function parseErrorDiagnostics(
  errors: IRecognitionException[],
  source: string,
  locale: Locale,
): Diagnostic[] {
  const end = () => endPosition(source);
  return onePerLine(errors.map((error) => parseErrorDiagnostic(error, locale, end)));
}

/** Keeps the first diagnostic on each line (later ones on a line are cascades of the first). */
export function onePerLine(diagnostics: Diagnostic[]): Diagnostic[] {
  if (diagnostics.length < 2) return diagnostics;
  const seenLines = new Set<number>();
  return diagnostics.filter((d) => {
    if (seenLines.has(d.range.start.line)) return false;
    seenLines.add(d.range.start.line);
    return true;
  });
}

/**
 * The CF101 diagnostic for one parser error. An error on a token the source does not hold (end of
 * input, a token invented by recovery) is placed at `end()`, the end of the source.
 */
export function parseErrorDiagnostic(
  error: IRecognitionException,
  locale: Locale,
  end: () => Position,
): Diagnostic {
  const range = errorRange(error.token, end);
  const raw = error.message;
  const keys: string[] = raw.startsWith('[') ? JSON.parse(raw) : [raw];
  const expected = keys
    .map((k) => (k.startsWith('=') ? k.slice(1) : phrase(k, locale)))
    .join(phrase('or', locale));
  const found = describeToken(error.token, locale);
  const previous = (error as { previousToken?: IToken }).previousToken;
  const hasPrevious = isReal(previous) && !VIRTUAL.has(previous.tokenType.name) && previous.image !== '';
  return hasPrevious
    ? syntaxDiagnostic('CF101', range, locale, { expected, after: previous.image, found })
    : syntaxDiagnostic('CF101.start', range, locale, { expected, found });
}

/** Whether an error is placed at the end of the source rather than on a token of its line. */
export function isPlacedAtEnd(error: IRecognitionException): boolean {
  return !isReal(error.token);
}

/**
 * The error for tokens left after a complete line: what a line-end mismatch reports ("expected end
 * of line after X, found Y"), on the first left-over token.
 */
export function leftoverError(token: IToken, previousToken: IToken | undefined): IRecognitionException {
  return {
    name: 'MismatchedTokenException',
    message: encode(['endOfLine']),
    token,
    previousToken,
    resyncedTokens: [],
    context: { ruleStack: [], ruleOccurrenceStack: [] },
  } as IRecognitionException;
}

function errorRange(token: IToken, end: () => Position): SourceRange {
  if (isReal(token)) return tokenRange(token);
  const at = end();
  return { start: at, end: at };
}

export function endPosition(source: string): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: source.length - lineStart + 1, offset: source.length };
}
