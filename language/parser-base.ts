/**
 * What every part of the grammar shares: the parser configuration (recovery on, messages encoded
 * for localization), recovery values, the diagnostics actions report, and the builders that turn
 * tokens into AST leaves with ranges. The grammar itself is in parser-expressions.ts,
 * parser-interactive.ts, parser-statements.ts and parser.ts, each class extending the one before.
 */
import {
  createTokenInstance,
  EmbeddedActionsParser,
  type IRecognitionException,
  type IRuleConfig,
  type IToken,
  type ParserMethod,
  type TokenType,
} from 'chevrotain';
import type { Name, NodeBase, StringLit } from './ast.ts';
import type { Diagnostic, Locale } from './diagnostic.ts';
import type { CfToken } from './lexer.ts';
import { tokenRange } from './lexer.ts';
import { syntaxDiagnostic } from './messages-syntax.ts';
import { syntaxErrorMessages } from './parser-errors.ts';
import { type SourceRange, spanRanges } from './source-range.ts';
import * as T from './tokens.ts';

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

export class ParserBase extends EmbeddedActionsParser {
  locale: Locale = 'en';
  /** Problems found by actions (not by the grammar): bad keys, duplicate clauses, … */
  actionDiagnostics: Diagnostic[] = [];

  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider: syntaxErrorMessages });
  }

  /** Every rule gets a recovery value, so a re-synced rule never hands `undefined` to an action. */
  protected override RULE<F extends (...args: any[]) => any>(
    name: string,
    implementation: F,
    config?: IRuleConfig<ReturnType<F>>,
  ): ParserMethod<Parameters<F>, ReturnType<F>> {
    return super.RULE(name, implementation, {
      recoveryValueFunc: (e: IRecognitionException) =>
        recoveryValue(name, this.errorRange(e)) as ReturnType<F>,
      ...config,
    });
  }

  override reset(): void {
    super.reset();
    this.actionDiagnostics = [];
  }

  /**
   * Single-token insertion keeps a statement whose name or value is missing (`goto` → a Goto with an
   * empty name, so the editor can still complete it). It never invents layout: an invented line end
   * would turn the rest of a line into a second error.
   */
  protected override canTokenTypeBeInsertedInRecovery(tokType: TokenType): boolean {
    return !NOT_INSERTABLE.has(tokType);
  }

  /** Inserted tokens (single-token recovery) sit, zero-width, just after the previous token. */
  protected override getTokenToInsert(tokType: TokenType): IToken {
    const prev = this.LA(0);
    const ok = prev !== undefined && !Number.isNaN(prev.startOffset) && prev.endOffset !== undefined;
    const offset = ok ? prev.endOffset! + 1 : 0;
    const line = ok ? prev.endLine! : 1;
    const column = ok ? prev.endColumn! + 1 : 1;
    const token = createTokenInstance(tokType, '', offset, offset - 1, line, line, column, column - 1);
    token.isInsertedInRecovery = true;
    return token;
  }

  protected report(key: string, range: SourceRange, args: Record<string, string | number> = {}): void {
    this.actionDiagnostics.push(syntaxDiagnostic(key, range, this.locale, args));
  }

  protected range(x: IToken | NodeBase): SourceRange {
    return 'tokenType' in x ? tokenRange(x) : x.range;
  }

  protected span(a: IToken | NodeBase, b: IToken | NodeBase): SourceRange {
    return spanRanges(this.range(a), this.range(b));
  }

  protected nameOf(t: IToken): Name {
    return { kind: 'Name', text: t.image, range: tokenRange(t) };
  }

  protected stringOf(t: IToken): StringLit {
    return { kind: 'String', value: (t as CfToken).value ?? '', range: tokenRange(t) };
  }

  protected numberOf(t: IToken): { kind: 'Number'; value: number; range: SourceRange } {
    return { kind: 'Number', value: t.image === '' ? 0 : Number(t.image), range: tokenRange(t) };
  }

  protected durationOf(t: IToken): { kind: 'Duration'; ms: number; text: string; range: SourceRange } {
    const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(t.image);
    const ms = m ? Math.round(Number(m[1]) * DURATION_UNITS[m[2]!]!) : 0;
    return { kind: 'Duration', ms, text: t.image, range: tokenRange(t) };
  }

  /** The range of the code between `js {` and `}`. */
  protected jsCodeRange(t: IToken): SourceRange {
    const image = t.image;
    const open = image.indexOf('{') + 1;
    const close = image.endsWith('}') ? image.length - 1 : image.length;
    const at = (index: number) => {
      let line = t.startLine!;
      let column = t.startColumn!;
      for (let i = 0; i < index; i++) {
        if (image[i] === '\n') {
          line++;
          column = 1;
        } else {
          column++;
        }
      }
      return { line, column, offset: t.startOffset + index };
    };
    return { start: at(open), end: at(close) };
  }

  protected errorRange(e: { token?: IToken }): SourceRange {
    const t = e.token;
    const ok = t !== undefined && !Number.isNaN(t.startOffset) && t.endOffset !== undefined;
    return ok ? tokenRange(t) : { start: ZERO, end: ZERO };
  }
}

const ZERO = { line: 1, column: 1, offset: 0 };

const NOT_INSERTABLE = new Set<TokenType>([T.JsBlock, T.TemplateHead, T.Newline, T.Indent, T.Outdent]);

/** What a rule that failed and re-synced returns: a harmless node of the right shape. */
function recoveryValue(rule: string, range: SourceRange): unknown {
  switch (rule) {
    case 'block':
    case 'document':
    case 'argumentList':
    case 'keyList':
      return [];
    case 'line':
    case 'lineHead':
    case 'junkLine':
    case 'clause':
    case 'declarationLine':
    case 'headerClause':
      return { kind: 'ErrorLine', range };
    case 'choiceKey':
      return { kind: 'ChoiceKey', key: '', range };
    case 'stringOrTemplate':
      return { kind: 'String', value: '', range };
    case 'subflowCall':
      return { kind: 'Call', callee: { kind: 'Ident', name: '', range }, args: [], subflow: true, range };
    case 'arrowAction':
      return { statement: { kind: 'Hangup', range }, range };
    case 'notPrefixed':
      return [{ kind: 'None', range }];
    case 'expression':
    case 'unary':
    case 'primary':
      return { kind: 'None', range };
    default:
      // Statement rules: a statement with no parts and no effect on the rest of the tree.
      return { kind: 'Hangup', range };
  }
}
