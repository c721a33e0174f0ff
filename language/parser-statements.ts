/**
 * Statement heads: everything a statement line holds before its Newline (menu, ask, question and
 * queue are in parser-interactive.ts). Children (`on error`, an `if`'s block) are separate lines that
 * assemble.ts attaches afterwards, so list fields start empty here.
 */
import type { CallStmt, Expr, Statement } from './ast.ts';
import type { CfToken } from './lexer.ts';
import { tokenRange } from './lexer.ts';
import { InteractiveParser } from './parser-interactive.ts';
import * as T from './tokens.ts';

const K = T.keywords;

export class StatementParser extends InteractiveParser {
  statement = this.RULE('statement', (): Statement => this.OR(this.statementAlts));

  private statementAlts = {
    ERR_MSG: 'statement',
    DEF: [
      {
        ALT: () => {
          const kw = this.CONSUME(K.say);
          const parts = this.sayPartList();
          return this.ACTION(
            (): Statement => ({ kind: 'Say', parts, range: this.span(kw, parts[parts.length - 1]!) }),
          );
        },
      },
      { ALT: () => this.SUBRULE(this.playStmt) },
      { ALT: () => this.SUBRULE(this.menuStmt) },
      { ALT: () => this.SUBRULE(this.askStmt) },
      { ALT: () => this.SUBRULE(this.questionStmt) },
      { ALT: () => this.SUBRULE(this.queueStmt) },
      { ALT: () => this.SUBRULE(this.assignStmt) },
      { ALT: () => this.SUBRULE(this.jumpStmt) },
      { ALT: () => this.SUBRULE(this.simpleStmt) },
      { ALT: () => this.SUBRULE(this.dataStmt) },
    ],
  };
  /** The comma-separated parts after `say` or `prompt`. */
  protected sayPartList(): Expr[] {
    const parts: Expr[] = [this.SUBRULE9(this.expression)];
    this.MANY9(() => {
      this.CONSUME9(T.Comma);
      parts.push(this.SUBRULE8(this.expression));
    });
    return parts;
  }

  playStmt = this.RULE('playStmt', (): Statement => {
    const kw = this.CONSUME(K.play);
    const prompt = this.CONSUME(T.StringLiteral, { ERR_MSG: 'string' });
    return this.ACTION(() => ({ kind: 'Play', prompt: this.stringOf(prompt), range: this.span(kw, prompt) }));
  });

  /** `let x = e`, `set x = e`, `log field = e`. */
  assignStmt = this.RULE('assignStmt', (): Statement => {
    const kw = this.OR(this.assignKeywordAlts);
    const target = this.CONSUME(T.SoftName, { ERR_MSG: kw.image === 'log' ? 'fieldName' : 'variableName' });
    this.CONSUME(T.Assign);
    const value = this.SUBRULE(this.expression);
    return this.ACTION(() => {
      const range = this.span(kw, value);
      if (kw.image === 'log') return { kind: 'Log', field: this.nameOf(target), value, range };
      const kind = kw.image === 'set' ? 'Set' : 'Let';
      return { kind, target: this.nameOf(target), value, onError: null, range } as Statement;
    });
  });

  private assignKeywordAlts = [
    { ALT: () => this.CONSUME(K.let) },
    { ALT: () => this.CONSUME(K.set) },
    { ALT: () => this.CONSUME(K.log) },
  ];
  /** `if`, `goto`, `retry … at most N times, then …`, `repeat`, `return [e]`. */
  jumpStmt = this.RULE('jumpStmt', (): Statement => this.OR(this.jumpAlts));

  private jumpAlts = [
    {
      ALT: () => {
        const kw = this.CONSUME(K.if);
        const condition = this.SUBRULE(this.expression);
        return this.ACTION(
          () =>
            ({
              kind: 'If',
              condition,
              then: [],
              otherwise: null,
              range: this.span(kw, condition),
            }) as Statement,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.goto);
        const target = this.CONSUME(T.SoftName, { ERR_MSG: 'stepName' });
        return this.ACTION(
          () => ({ kind: 'Goto', target: this.nameOf(target), range: this.span(kw, target) }) as Statement,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.retry);
        const target = this.CONSUME2(T.SoftName, { ERR_MSG: 'stepName' });
        this.CONSUME(K.at);
        this.CONSUME(K.most);
        const times = this.CONSUME(T.NumberLiteral, { ERR_MSG: 'number' });
        this.CONSUME(K.times);
        this.OPTION(() => this.CONSUME(T.Comma));
        this.CONSUME(K.then);
        const otherwise = this.SUBRULE(this.statement);
        return this.ACTION(
          () =>
            ({
              kind: 'Retry',
              target: this.nameOf(target),
              times: this.numberOf(times),
              otherwise,
              range: this.span(kw, otherwise),
            }) as Statement,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.repeat);
        return this.ACTION(() => ({ kind: 'Repeat', range: tokenRange(kw) }) as Statement);
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.return);
        const value = this.OPTION2(() => this.SUBRULE2(this.expression));
        return this.ACTION(
          () => ({ kind: 'Return', value: value ?? null, range: this.span(kw, value ?? kw) }) as Statement,
        );
      },
    },
  ];
  /** `transfer to …`, `record call`, `hangup`, `call f(…)`, `js { … }`. */
  simpleStmt = this.RULE('simpleStmt', (): Statement => this.OR(this.simpleAlts));

  private simpleAlts = [
    {
      ALT: () => {
        const kw = this.CONSUME(K.transfer);
        this.CONSUME(K.to);
        const target = this.OR2(this.transferTargetAlts);
        const destination = this.SUBRULE(this.expression);
        return this.ACTION(
          () =>
            ({
              kind: 'Transfer',
              target: target.image as 'extension' | 'queue' | 'number',
              destination,
              range: this.span(kw, destination),
            }) as Statement,
        );
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.record);
        const call = this.CONSUME(K.call);
        return this.ACTION(() => ({ kind: 'Record', range: this.span(kw, call) }) as Statement);
      },
    },
    {
      ALT: () => {
        const kw = this.CONSUME(K.hangup);
        return this.ACTION(() => ({ kind: 'Hangup', range: tokenRange(kw) }) as Statement);
      },
    },
    {
      ALT: () => {
        const call = this.SUBRULE(this.subflowCall);
        return this.ACTION((): CallStmt => ({ kind: 'CallStmt', call, range: call.range }));
      },
    },
    {
      ALT: () => {
        const js = this.CONSUME(T.JsBlock);
        return this.ACTION(
          () =>
            ({
              kind: 'Js',
              code: (js as CfToken).value ?? '',
              codeRange: this.jsCodeRange(js),
              range: tokenRange(js),
            }) as Statement,
        );
      },
    },
  ];
  private transferTargetAlts = {
    ERR_MSG: 'transferTarget',
    DEF: [
      { ALT: () => this.CONSUME(K.extension) },
      { ALT: () => this.CONSUME(K.queue) },
      { ALT: () => this.CONSUME(K.number) },
    ],
  };
  /** `source.operation(args)` as a statement; the source is a plain identifier. */
  dataStmt = this.RULE('dataStmt', (): Statement => {
    // A plain identifier (not a soft keyword) keeps the choice of a line's kind to one token of lookahead.
    const source = this.CONSUME(T.Identifier);
    this.CONSUME(T.Dot, { ERR_MSG: 'dataCall' });
    const op = this.CONSUME(T.MemberName, { ERR_MSG: 'dataCall' });
    const args = this.SUBRULE(this.argumentList);
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => {
      const object: Expr = { kind: 'Ident', name: source.image, range: tokenRange(source) };
      const callee: Expr = {
        kind: 'Member',
        object,
        property: this.nameOf(op),
        range: this.span(source, op),
      };
      return {
        kind: 'Data',
        call: this.callOf(callee, args, close, false),
        onError: null,
        range: this.span(source, close),
      };
    });
  });
}
