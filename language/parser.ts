/**
 * The line grammar: a block is a list of lines, each a statement or a clause, each optionally
 * followed by an indented block. parse.ts parses one line at a time (`line`) and nests the lines by
 * indentation (layout.ts); `document` reads a whole token stream with layout tokens the same way.
 * assemble.ts then fits clauses to their statements. Build the parser once and reuse it via `.input`.
 */
import type { IOrAlt, IToken, OrMethodOpts } from 'chevrotain';
import type { ChoiceKey, DurationLit, Expr, Name, Prompt, Statement } from './ast.ts';
import { tokenRange } from './lexer.ts';
import type { Line, LineHead } from './line-tree.ts';
import { phrase } from './messages-syntax.ts';
import { StatementParser } from './parser-statements.ts';
import * as T from './tokens.ts';

const K = T.keywords;

export class CallflowParser extends StatementParser {
  document = this.RULE('document', (): Line[] => this.SUBRULE(this.block));

  /**
   * One line on its own, as parse.ts reads a file: the head and its end of line. The Newline is
   * optional so that tokens left over after a complete head end the rule instead of failing it; the
   * caller reports them (the head is kept). A line's tokens never reach another line's parse.
   */
  line = this.RULE('line', (): LineHead => {
    const head = this.SUBRULE(this.lineHead);
    this.OPTION(() => this.CONSUME(T.Newline));
    return head;
  });

  block = this.RULE('block', (): Line[] => {
    const lines: Line[] = [];
    this.MANY(() => {
      const head = this.SUBRULE(this.lineHead);
      this.CONSUME(T.Newline);
      const children = this.OPTION(this.indentedBlock);
      if (!this.RECORDING_PHASE) lines.push({ head, children: children ?? null });
    });
    return lines;
  });

  private indentedBlock = (): Line[] => {
    this.CONSUME(T.Indent);
    const children = this.SUBRULE2(this.block);
    this.CONSUME(T.Outdent);
    return children;
  };

  lineHead = this.RULE('lineHead', (): LineHead => this.OR(this.lineHeadAlts));

  private lineHeadAlts: OrMethodOpts<LineHead> = {
    ERR_MSG: 'line',
    DEF: [
      { ALT: () => this.SUBRULE(this.statement) },
      { ALT: () => this.SUBRULE(this.clause) },
      { ALT: () => this.SUBRULE(this.junkLine) },
    ],
  };

  /** A line no alternative starts with: one diagnostic, the rest of the line skipped. */
  junkLine = this.RULE('junkLine', (): LineHead => {
    const first = this.CONSUME(T.NonLineStart);
    let last = first;
    this.MANY(() => {
      last = this.CONSUME2(T.AnyToken);
    });
    return this.ACTION(() => {
      const found = this.locale === 'ru' ? `«${first.image}»` : `'${first.image}'`;
      this.report('CF101.start', tokenRange(first), { expected: phrase('line', this.locale), found });
      return { kind: 'ErrorLine', range: this.span(first, last) };
    });
  });

  clause = this.RULE('clause', (): LineHead => this.OR(this.clauseAlts));

  private clauseAlts: IOrAlt<LineHead>[] = [
    { ALT: () => this.SUBRULE(this.declarationLine) },
    { ALT: () => this.SUBRULE(this.headerClause) },
    {
      ALT: () => {
        const kw = this.CONSUME(K.prompt);
        const spoken = this.OR2(this.promptTextAlts);
        const prompt = this.ACTION(() =>
          Array.isArray(spoken)
            ? ({
                kind: 'Say',
                parts: spoken,
                range: this.span(kw, spoken[spoken.length - 1]!),
              } as Statement)
            : spoken,
        ) as Prompt;
        return this.ACTION(() => ({ kind: 'PromptLine', prompt, range: this.span(kw, prompt) }) as LineHead);
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.on);
        const keys = this.SUBRULE(this.keyList);
        const arrow = this.OPTION(() => this.SUBRULE(this.arrowAction));
        return this.ACTION(() => {
          const last = arrow ? arrow.statement : keys[keys.length - 1]!;
          return {
            kind: 'OnLine',
            keys,
            action: arrow?.statement ?? null,
            arrowRange: arrow?.range ?? null,
            range: this.span(kw, last),
          } as LineHead;
        });
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.after);
        const retries = this.CONSUME(K.retries);
        const arrow = this.OPTION2(() => this.SUBRULE2(this.arrowAction));
        return this.ACTION(
          () =>
            ({
              kind: 'AfterRetriesLine',
              action: arrow?.statement ?? null,
              arrowRange: arrow?.range ?? null,
              range: this.span(kw, arrow ? arrow.statement : retries),
            }) as LineHead,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.option);
        const key = this.SUBRULE3(this.choiceKey);
        const label = this.CONSUME(T.StringLiteral, { ERR_MSG: 'string' });
        return this.ACTION(
          () =>
            ({
              kind: 'OptionLine',
              key,
              label: this.stringOf(label),
              range: this.span(kw, label),
            }) as LineHead,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.announce);
        const text = this.SUBRULE(this.expression);
        let every: DurationLit | null = null;
        this.OPTION3(() => {
          this.CONSUME(K.every);
          const d = this.CONSUME(T.Duration, { ERR_MSG: 'duration' });
          every = this.ACTION(() => this.durationOf(d));
        });
        return this.ACTION(
          () => ({ kind: 'AnnounceLine', text, every, range: this.span(kw, every ?? text) }) as LineHead,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.music);
        const music = this.CONSUME2(T.StringLiteral, { ERR_MSG: 'string' });
        return this.ACTION(
          () =>
            ({
              kind: 'MusicLine',
              music: this.stringOf(music),
              range: this.span(kw, music),
            }) as LineHead,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.else);
        let condition: Expr | null = null;
        this.OPTION4(() => {
          this.CONSUME(K.if);
          condition = this.SUBRULE2(this.expression);
        });
        return this.ACTION(
          () => ({ kind: 'ElseLine', condition, range: this.span(kw, condition ?? kw) }) as LineHead,
        );
      },
    },
  ];

  private promptTextAlts: OrMethodOpts<Statement | Expr[]> = {
    ERR_MSG: 'promptText',
    DEF: [{ ALT: () => this.SUBRULE(this.playStmt) }, { ALT: () => this.sayPartList() }],
  };

  /** `flow "Name"`, `survey "Name"`, `subflow name(a, b)`, `step name`. */
  declarationLine = this.RULE('declarationLine', (): LineHead => this.OR(this.declarationAlts));

  private declarationAlts: IOrAlt<LineHead>[] = [
    {
      ALT: () => {
        const kw = this.OR2(this.flowKeywordAlts);
        const name = this.CONSUME(T.StringLiteral, { ERR_MSG: 'flowName' });
        return this.ACTION(
          () =>
            ({
              kind: 'FlowLine',
              flavor: kw.image === 'survey' ? 'survey' : 'flow',
              name: this.stringOf(name),
              range: this.span(kw, name),
            }) as LineHead,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.subflow);
        const name = this.CONSUME(T.SoftName, { ERR_MSG: 'subflowName' });
        const params: Name[] = [];
        this.CONSUME(T.LParen);
        this.OPTION(() => {
          const first = this.CONSUME2(T.SoftName, { ERR_MSG: 'variableName' });
          this.ACTION(() => params.push(this.nameOf(first)));
          this.MANY(() => {
            this.CONSUME(T.Comma);
            const next = this.CONSUME3(T.SoftName, { ERR_MSG: 'variableName' });
            this.ACTION(() => params.push(this.nameOf(next)));
          });
        });
        const close = this.CONSUME(T.RParen);
        return this.ACTION(
          () =>
            ({
              kind: 'SubflowLine',
              name: this.nameOf(name),
              params,
              range: this.span(kw, close),
            }) as LineHead,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.step);
        const name = this.CONSUME4(T.SoftName, { ERR_MSG: 'stepName' });
        return this.ACTION(
          () => ({ kind: 'StepLine', name: this.nameOf(name), range: this.span(kw, name) }) as LineHead,
        );
      },
    },
  ];

  headerClause = this.RULE('headerClause', (): LineHead => this.OR(this.headerAlts));

  private headerAlts: IOrAlt<LineHead>[] = [
    {
      ALT: () => {
        const kw = this.CONSUME(K.answers);
        const numbers = [this.CONSUME(T.StringLiteral, { ERR_MSG: 'string' })];
        this.MANY(() => {
          this.CONSUME(T.Comma);
          numbers.push(this.CONSUME2(T.StringLiteral, { ERR_MSG: 'string' }));
        });
        return this.ACTION(
          () =>
            ({
              kind: 'Answers',
              numbers: numbers.map((n) => this.stringOf(n)),
              range: this.span(kw, numbers[numbers.length - 1]!),
            }) as LineHead,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.language);
        const name = this.CONSUME(T.SoftName, { ERR_MSG: 'languageName' });
        return this.ACTION(
          () => ({ kind: 'Language', language: this.nameOf(name), range: this.span(kw, name) }) as LineHead,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.fallback);
        const arrow = this.SUBRULE(this.arrowAction);
        return this.ACTION(
          () =>
            ({
              kind: 'Fallback',
              action: arrow.statement,
              range: this.span(kw, arrow.statement),
            }) as LineHead,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.group);
        const group = this.CONSUME3(T.StringLiteral, { ERR_MSG: 'string' });
        return this.ACTION(
          () => ({ kind: 'Group', group: this.stringOf(group), range: this.span(kw, group) }) as LineHead,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.timezone);
        const zone = this.CONSUME4(T.StringLiteral, { ERR_MSG: 'string' });
        return this.ACTION(
          () => ({ kind: 'Timezone', zone: this.stringOf(zone), range: this.span(kw, zone) }) as LineHead,
        );
      },
    },
  ];

  private flowKeywordAlts: IOrAlt<IToken>[] = [
    { ALT: () => this.CONSUME(K.flow) },
    { ALT: () => this.CONSUME(K.survey) },
  ];

  /** `-> statement` */
  arrowAction = this.RULE('arrowAction', () => {
    const arrow = this.CONSUME(T.Arrow);
    const statement = this.SUBRULE(this.statement);
    return this.ACTION(() => ({ statement, range: this.span(arrow, statement) }));
  });

  /** `1, 2, #`: a rule of its own so the repetition ends the rule (cheap recovery bookkeeping). */
  keyList = this.RULE('keyList', (): ChoiceKey[] => {
    const keys: ChoiceKey[] = [this.SUBRULE(this.choiceKey)];
    this.MANY(() => {
      this.CONSUME(T.Comma);
      keys.push(this.SUBRULE2(this.choiceKey));
    });
    return keys;
  });

  /** A menu key (0-9, *, #) or an event (timeout, invalid, error, overflow, yes, no). */
  choiceKey = this.RULE('choiceKey', (): ChoiceKey => {
    const t = this.OR(this.choiceKeyAlts);
    return this.ACTION(() => {
      if (t.tokenType === T.NumberLiteral && !/^\d$/.test(t.image)) {
        this.report('CF101.key', tokenRange(t), { key: t.image });
      }
      return { kind: 'ChoiceKey', key: t.image, range: tokenRange(t) };
    });
  });

  private choiceKeyAlts: OrMethodOpts<IToken> = {
    ERR_MSG: 'key',
    DEF: [
      { ALT: () => this.CONSUME(T.NumberLiteral) },
      { ALT: () => this.CONSUME(T.Star) },
      { ALT: () => this.CONSUME(T.Hash) },
      { ALT: () => this.CONSUME(K.timeout) },
      { ALT: () => this.CONSUME(K.invalid) },
      { ALT: () => this.CONSUME(K.error) },
      { ALT: () => this.CONSUME(K.overflow) },
      { ALT: () => this.CONSUME(K.yes) },
      { ALT: () => this.CONSUME(K.no) },
    ],
  };

  constructor() {
    super();
    this.performSelfAnalysis();
  }
}
