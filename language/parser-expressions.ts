/**
 * The expression grammar. Precedence, loosest first: `?:`, or, and, not, comparison (== != < <= > >=
 * in, is [not] none), + -, * / %, unary -, postfix (.member, call), primary. Embedded actions build
 * AST nodes directly and never run during Chevrotain's recording phase.
 */
import type { IOrAlt, IToken } from 'chevrotain';
import type { CallExpr, Expr, StringLit, TemplateLit } from './ast.ts';
import type { CfToken } from './lexer.ts';
import { tokenRange } from './lexer.ts';
import { phrase } from './messages-syntax.ts';
import { buildChain, type ChainItem } from './operator-chain.ts';
import { ParserBase } from './parser-base.ts';
import * as T from './tokens.ts';

/** What hot actions return while Chevrotain records the grammar (the value is never used then). */
const RECORDING = null as never;

export class ExpressionParser extends ParserBase {
  /**
   * `not`s, operands, binary operators and `is [not] none` are read as a flat list and precedence is
   * applied in buildChain: one rule instead of one per precedence level keeps the parser fast. Hot
   * rules test RECORDING_PHASE instead of wrapping actions in ACTION closures, for the same reason.
   */
  expression = this.RULE('expression', (): Expr => {
    const items = this.SUBRULE(this.notPrefixed);
    this.MANY(() => {
      const tail = this.OR(this.chainTailAlts);
      if (!this.RECORDING_PHASE) for (const item of tail) items.push(item);
    });
    let result = this.RECORDING_PHASE
      ? (items as never)
      : items.length === 1
        ? (items[0] as Expr)
        : buildChain(items);
    this.OPTION(() => {
      this.CONSUME(T.QuestionMark);
      const then = this.SUBRULE(this.expression);
      this.CONSUME(T.Colon);
      const otherwise = this.SUBRULE2(this.expression);
      result = this.ACTION(() => ({
        kind: 'Conditional',
        test: result,
        then,
        otherwise,
        range: this.span(result, otherwise),
      }));
    });
    return result;
  });

  /**
   * An operand with the `not`s before it, as chain items. Recursion rather than a repetition: a
   * repetition followed by more grammar makes Chevrotain compute recovery paths on every exit.
   */
  notPrefixed = this.RULE('notPrefixed', (): ChainItem[] => this.OR(this.notPrefixedAlts));

  private notPrefixedAlts = {
    ERR_MSG: 'expression',
    DEF: [
      {
        ALT: () => {
          const not = this.CONSUME(T.keywords.not);
          const rest = this.SUBRULE(this.notPrefixed);
          if (!this.RECORDING_PHASE) rest.unshift(not);
          return rest;
        },
      },
      {
        ALT: () => {
          return [this.SUBRULE(this.unary)];
        },
      },
    ],
  };
  /** After an operand: an operator and the next operand; or `is [not] none`. */
  private chainTailAlts: IOrAlt<ChainItem[]>[] = [
    {
      ALT: () => {
        const op = this.OR2(this.binaryOperators);
        const rest = this.SUBRULE2(this.notPrefixed);
        if (!this.RECORDING_PHASE) rest.unshift(op);
        return rest;
      },
    },
    {
      ALT: () => {
        this.CONSUME(T.keywords.is);
        let negated = false;
        this.OPTION2(() => {
          this.CONSUME(T.keywords.not);
          negated = true;
        });
        const none = this.CONSUME(T.keywords.none);
        return [{ negated, none }];
      },
    },
  ];

  private binaryOperators = [
    T.keywords.or,
    T.keywords.and,
    T.EqEq,
    T.NotEq,
    T.LtEq,
    T.GtEq,
    T.Lt,
    T.Gt,
    T.keywords.in,
    T.Plus,
    T.Minus,
    T.Star,
    T.Slash,
    T.Percent,
  ].map((type) => ({ ALT: () => this.CONSUME(type) }));

  unary = this.RULE(
    'unary',
    (): Expr =>
      this.OR({
        ERR_MSG: 'expression',
        DEF: this.unaryAlts,
      }),
  );
  private unaryAlts: IOrAlt<Expr>[] = [
    {
      ALT: () => {
        const minus = this.CONSUME(T.Minus);
        const operand = this.SUBRULE(this.unary);
        return this.ACTION(
          () => ({ kind: 'Unary', op: '-', operand, range: this.span(minus, operand) }) as Expr,
        );
      },
    },
    { ALT: () => this.postfix() },
  ];

  /** A primary with `.member` and `(args)` suffixes (part of the unary rule: one rule call less). */
  private postfix(): Expr {
    let result = this.SUBRULE(this.primary);
    this.MANY(() => {
      const suffix = this.OR2(this.postfixAlts);
      if (this.RECORDING_PHASE) return;
      result =
        'name' in suffix
          ? {
              kind: 'Member',
              object: result,
              property: this.nameOf(suffix.name),
              range: this.span(result, suffix.name),
            }
          : this.callOf(result, suffix.args, suffix.close, false);
    });
    return result;
  }

  private postfixAlts: IOrAlt<{ name: IToken } | { args: Expr[]; close: IToken }>[] = [
    {
      ALT: () => {
        this.CONSUME(T.Dot);
        return { name: this.CONSUME(T.MemberName, { ERR_MSG: 'fieldName' }) };
      },
    },
    {
      ALT: () => {
        const args = this.SUBRULE(this.argumentList);
        return { args, close: this.CONSUME(T.RParen) };
      },
    },
  ];

  protected callOf(callee: Expr, args: Expr[], close: IToken, subflow: boolean): CallExpr {
    if (callee.kind !== 'Ident' && callee.kind !== 'Member') {
      const found = this.locale === 'ru' ? '«(»' : "'('";
      this.report('CF101.start', callee.range, { expected: phrase('call', this.locale), found });
      return {
        kind: 'Call',
        callee: { kind: 'Ident', name: '', range: callee.range },
        args,
        subflow,
        range: this.span(callee, close),
      };
    }
    return { kind: 'Call', callee, args, subflow, range: this.span(callee, close) };
  }

  /** `(a, b` — the caller consumes `)` so it can end a node's range on it. */
  argumentList = this.RULE('argumentList', (): Expr[] => {
    const args: Expr[] = [];
    this.CONSUME(T.LParen);
    this.OPTION(() => {
      args.push(this.SUBRULE(this.expression));
      this.MANY(() => {
        this.CONSUME(T.Comma);
        args.push(this.SUBRULE2(this.expression));
      });
    });
    return args;
  });

  primary = this.RULE(
    'primary',
    (): Expr =>
      this.OR({
        ERR_MSG: 'expression',
        DEF: this.primaryAlts,
      }),
  );

  private primaryAlts: IOrAlt<Expr>[] = [
    { ALT: () => this.OR3(this.literalAlts) },
    {
      ALT: () => {
        const open = this.CONSUME(T.LBracket);
        const items: Expr[] = [];
        this.OPTION(() => {
          items.push(this.SUBRULE(this.expression));
          this.MANY(() => {
            this.CONSUME(T.Comma);
            items.push(this.SUBRULE2(this.expression));
          });
        });
        const close = this.CONSUME(T.RBracket);
        return this.ACTION(() => ({ kind: 'List', items, range: this.span(open, close) }) as Expr);
      },
    },
    {
      ALT: () => {
        const open = this.CONSUME(T.LParen);
        const inner = this.SUBRULE3(this.expression);
        const close = this.CONSUME(T.RParen);
        return this.ACTION(() => ({ kind: 'Paren', inner, range: this.span(open, close) }) as Expr);
      },
    },
    {
      ALT: () => {
        const within = this.CONSUME(T.keywords.within);
        const calendar = this.CONSUME(T.StringLiteral, { ERR_MSG: 'string' });
        return this.ACTION(
          () =>
            ({
              kind: 'Within',
              calendar: this.stringOf(calendar),
              range: this.span(within, calendar),
            }) as Expr,
        );
      },
    },
    {
      ALT: () => {
        const js = this.CONSUME(T.JsBlock);
        return this.ACTION(
          () =>
            ({
              kind: 'JsExpr',
              code: (js as CfToken).value ?? '',
              codeRange: this.jsCodeRange(js),
              range: tokenRange(js),
            }) as Expr,
        );
      },
    },
    { ALT: () => this.SUBRULE(this.subflowCall) },
    {
      ALT: () => {
        const name = this.CONSUME(T.SoftName);
        if (this.RECORDING_PHASE) return RECORDING;
        return { kind: 'Ident', name: name.image, range: tokenRange(name) };
      },
    },
  ];

  private literalAlts: IOrAlt<Expr>[] = [
    { ALT: () => this.SUBRULE(this.stringOrTemplate) },
    {
      ALT: () => {
        const n = this.CONSUME(T.NumberLiteral);
        return this.RECORDING_PHASE ? RECORDING : this.numberOf(n);
      },
    },
    {
      ALT: () => {
        const d = this.CONSUME(T.Duration);
        return this.RECORDING_PHASE ? RECORDING : this.durationOf(d);
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(T.keywords.true);
        return this.ACTION(() => ({ kind: 'Bool', value: true, range: tokenRange(t) }) as Expr);
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(T.keywords.false);
        return this.ACTION(() => ({ kind: 'Bool', value: false, range: tokenRange(t) }) as Expr);
      },
    },
    {
      ALT: () => {
        const t = this.CONSUME(T.keywords.none);
        return this.ACTION(() => ({ kind: 'None', range: tokenRange(t) }) as Expr);
      },
    },
  ];

  /** `call name(args)` */
  subflowCall = this.RULE('subflowCall', (): CallExpr => {
    const call = this.CONSUME(T.keywords.call);
    const name = this.CONSUME2(T.SoftName, { ERR_MSG: 'subflowName' });
    const args = this.SUBRULE(this.argumentList);
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => {
      const callee: Expr = { kind: 'Ident', name: name.image, range: tokenRange(name) };
      return { ...this.callOf(callee, args, close, true), range: this.span(call, close) };
    });
  });

  /** A plain string or a template `"text {expr} text"`. */
  stringOrTemplate = this.RULE('stringOrTemplate', (): StringLit | TemplateLit =>
    this.OR(this.stringOrTemplateAlts),
  );

  private stringOrTemplateAlts = [
    {
      ALT: () => {
        const s = this.CONSUME(T.StringLiteral);
        return this.RECORDING_PHASE ? RECORDING : this.stringOf(s);
      },
    },
    {
      ALT: () => {
        const head = this.CONSUME(T.TemplateHead);
        const parts: (string | Expr)[] = [];
        const first = this.SUBRULE(this.expression);
        this.ACTION(() => parts.push((head as CfToken).value ?? '', first));
        this.MANY(() => {
          const middle = this.CONSUME(T.TemplateMiddle);
          const next = this.SUBRULE2(this.expression);
          this.ACTION(() => parts.push((middle as CfToken).value ?? '', next));
        });
        const tail = this.CONSUME(T.TemplateTail);
        return this.ACTION(() => {
          parts.push((tail as CfToken).value ?? '');
          return { kind: 'Template', parts, range: this.span(head, tail) } as TemplateLit;
        });
      },
    },
  ];
}
