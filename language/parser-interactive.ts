/**
 * The statements that wait for the caller and have clauses: `menu`, `ask`, `question` and `queue`.
 * Their children (prompts, `on` branches, announcements) are separate lines; assemble.ts attaches them.
 */
import type { IOrAlt, IToken } from 'chevrotain';
import type {
  AskStmt,
  DurationLit,
  Expr,
  MenuStmt,
  NumberLit,
  QueueStmt,
  Statement,
  StringLit,
} from './ast.ts';
import { tokenRange } from './lexer.ts';
import { ExpressionParser } from './parser-expressions.ts';
import * as T from './tokens.ts';

const K = T.keywords;

export class InteractiveParser extends ExpressionParser {
  menuStmt = this.RULE('menuStmt', (): MenuStmt => {
    const kw = this.CONSUME(K.menu);
    const name = this.CONSUME(T.SoftName, { ERR_MSG: 'menuName' });
    let retries: NumberLit | null = null;
    let timeout: DurationLit | null = null;
    let last: IToken = name;
    this.MANY(() => {
      const pair = this.OR(this.menuClauseAlts) as [IToken, IToken];
      this.ACTION(() => {
        const [clause, value] = pair;
        last = value;
        if (clause.tokenType === K.retries) retries = this.once(retries, clause, this.numberOf(value));
        else timeout = this.once(timeout, clause, this.durationOf(value));
      });
    });
    return this.ACTION(() => ({
      kind: 'Menu',
      name: this.nameOf(name),
      retries,
      timeout,
      prompts: [],
      choices: [],
      afterRetries: null,
      range: this.span(kw, last),
    }));
  });

  private menuClauseAlts = [
    { ALT: () => [this.CONSUME(K.retries), this.CONSUME(T.NumberLiteral, { ERR_MSG: 'number' })] },
    { ALT: () => [this.CONSUME(K.timeout), this.CONSUME(T.Duration, { ERR_MSG: 'duration' })] },
  ];
  askStmt = this.RULE('askStmt', (): AskStmt => {
    const kw = this.CONSUME(K.ask);
    // `ask secret = digits 4` asks into a variable called `secret`: look past the soft keyword.
    const secretToken = this.OPTION(this.askSecretAlts);
    const target = this.CONSUME(T.SoftName, { ERR_MSG: 'variableName' });
    this.CONSUME(T.Assign);
    this.CONSUME(K.digits);
    const minTok = this.CONSUME(T.NumberLiteral, { ERR_MSG: 'number' });
    let maxTok = minTok;
    this.OPTION2(() => {
      this.CONSUME(T.DotDot);
      maxTok = this.CONSUME2(T.NumberLiteral, { ERR_MSG: 'number' });
    });
    let last: IToken = maxTok;
    const clauses: Record<string, StringLit | DurationLit | NumberLit | null> = {};
    this.MANY(() => {
      const pair = this.OR(this.askClauseAlts) as [IToken, IToken];
      this.ACTION(() => {
        const [clause, value] = pair;
        last = value;
        const type = value.tokenType;
        const literal =
          type === T.Duration
            ? this.durationOf(value)
            : type === T.NumberLiteral
              ? this.numberOf(value)
              : this.stringOf(value);
        clauses[clause.image] = this.once(clauses[clause.image] ?? null, clause, literal);
      });
    });
    return this.ACTION(() => ({
      kind: 'Ask',
      secret: secretToken !== undefined,
      target: this.nameOf(target),
      min: this.numberOf(minTok),
      max: this.numberOf(maxTok),
      terminator: (clauses.until as StringLit | undefined) ?? null,
      timeout: (clauses.timeout as DurationLit | undefined) ?? null,
      interdigit: (clauses.interdigit as DurationLit | undefined) ?? null,
      pattern: (clauses.matching as StringLit | undefined) ?? null,
      retries: (clauses.retries as NumberLit | undefined) ?? null,
      prompts: [],
      handlers: [],
      afterRetries: null,
      range: this.span(kw, last),
    }));
  });

  private askSecretAlts = {
    GATE: () => this.LA(2).tokenType !== T.Assign,
    DEF: () => this.CONSUME(K.secret),
  };
  private askClauseAlts = [
    { ALT: () => [this.CONSUME(K.until), this.CONSUME(T.StringLiteral, { ERR_MSG: 'string' })] },
    { ALT: () => [this.CONSUME(K.matching), this.CONSUME2(T.StringLiteral, { ERR_MSG: 'string' })] },
    { ALT: () => [this.CONSUME(K.timeout), this.CONSUME(T.Duration, { ERR_MSG: 'duration' })] },
    { ALT: () => [this.CONSUME(K.interdigit), this.CONSUME2(T.Duration, { ERR_MSG: 'duration' })] },
    { ALT: () => [this.CONSUME(K.retries), this.CONSUME3(T.NumberLiteral, { ERR_MSG: 'number' })] },
  ];
  questionStmt = this.RULE('questionStmt', (): Statement => {
    const kw = this.CONSUME(K.question);
    const name = this.CONSUME(T.SoftName, { ERR_MSG: 'questionName' });
    const text = this.SUBRULE(this.stringOrTemplate);
    const type = this.OR(this.answerTypeAlts);
    let min: NumberLit | null = null;
    let max: NumberLit | null = null;
    let last: IToken = type;
    this.OPTION(() => {
      const lo = this.CONSUME(T.NumberLiteral);
      this.CONSUME(T.DotDot);
      last = this.CONSUME2(T.NumberLiteral, { ERR_MSG: 'number' });
      this.ACTION(() => {
        min = this.numberOf(lo);
        max = this.numberOf(last);
      });
    });
    return this.ACTION(() => ({
      kind: 'Question',
      name: this.nameOf(name),
      text,
      answerType: type.image as 'yesno' | 'choice' | 'number' | 'text',
      min,
      max,
      options: [],
      branches: [],
      range: this.span(kw, last),
    }));
  });

  private answerTypeAlts = {
    ERR_MSG: 'answerType',
    DEF: [
      { ALT: () => this.CONSUME(K.yesno) },
      { ALT: () => this.CONSUME(K.text) },
      { ALT: () => this.CONSUME(K.choice) },
      { ALT: () => this.CONSUME(K.number) },
    ],
  };
  queueStmt = this.RULE('queueStmt', (): QueueStmt => {
    const kw = this.CONSUME(K.queue);
    const queue = this.CONSUME(T.StringLiteral, { ERR_MSG: 'string' });
    let priority: Expr | null = null;
    let maxWait: DurationLit | null = null;
    let skills: StringLit[] | null = null;
    let last: IToken | Expr = queue;
    this.MANY(() => {
      const clause = this.OR(this.queueClauseAlts);
      this.ACTION(() => {
        const { keyword, value, end } = clause;
        last = end;
        if (keyword.tokenType === K.priority) priority = this.once(priority, keyword, value as Expr);
        else if (keyword.tokenType === K.skills) skills = this.once(skills, keyword, value as StringLit[]);
        else maxWait = this.once(maxWait, keyword, value as DurationLit);
      });
    });
    return this.ACTION(() => ({
      kind: 'Queue',
      queue: this.stringOf(queue),
      priority,
      skills: skills ?? [],
      maxWait,
      announce: null,
      announceEvery: null,
      music: null,
      onOverflow: null,
      range: this.span(kw, last),
    }));
  });

  /** `priority e`, `skills "a", "b"`, `max wait D`: the keyword, the value, and where the clause ends. */
  private queueClauseAlts: IOrAlt<{
    keyword: IToken;
    value: Expr | StringLit[] | DurationLit;
    end: IToken | Expr;
  }>[] = [
    {
      ALT: () => {
        const keyword = this.CONSUME(K.priority);
        const value = this.SUBRULE(this.expression);
        return { keyword, value, end: value };
      },
    },
    {
      ALT: () => {
        const keyword = this.CONSUME(K.skills);
        const list = [this.CONSUME2(T.StringLiteral, { ERR_MSG: 'string' })];
        this.MANY2(() => {
          this.CONSUME(T.Comma);
          list.push(this.CONSUME3(T.StringLiteral, { ERR_MSG: 'string' }));
        });
        return this.ACTION(() => ({
          keyword,
          value: list.map((t) => this.stringOf(t)),
          end: list[list.length - 1]!,
        }));
      },
    },
    {
      ALT: () => {
        const keyword = this.CONSUME(K.max);
        this.CONSUME(K.wait);
        const d = this.CONSUME(T.Duration, { ERR_MSG: 'duration' });
        return this.ACTION(() => ({ keyword, value: this.durationOf(d), end: d }));
      },
    },
  ];

  /** Keeps the first value of a clause and reports a repeated one. */
  protected once<V>(current: V | null, clause: IToken, value: V): V {
    if (current !== null) {
      this.report('CF101.duplicate', tokenRange(clause), { clause: clause.image });
      return current;
    }
    return value;
  }
}
