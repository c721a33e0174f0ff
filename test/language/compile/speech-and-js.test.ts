import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../../language/compile.ts';
import { parse } from '../../../language/parse.ts';
import { dataOk, digits, FlowRunner, flowSource, ok, played, TEST_WORKSPACE } from './driver.ts';

describe('speech', () => {
  let runner: FlowRunner;
  afterEach(() => runner?.dispose());

  it('a template becomes text and speech parts: money, number, digits, date, time', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Speech"
          answers "100"
          let account = billing.balance("1234", "0000")
          say "Balance {money(account.balance, account.currency)}, contract {digits("0042")}.", "Due {date("2025-02-01")} at {time("09:30")}, {number(3)} payments"
          hangup
      `),
    );
    runner.start();
    expect(runner.step(dataOk({ balance: 50, currency: 'UAH' })).command).toEqual({
      type: 'say',
      parts: [
        { kind: 'text', text: 'Balance ' },
        { kind: 'money', amount: 50, currency: 'UAH' },
        { kind: 'text', text: ', contract ' },
        { kind: 'digits', value: '0042' },
        { kind: 'text', text: '.Due ' },
        { kind: 'date', value: '2025-02-01' },
        { kind: 'text', text: ' at ' },
        { kind: 'time', value: '09:30' },
        { kind: 'text', text: ', ' },
        { kind: 'number', value: 3 },
        { kind: 'text', text: ' payments' },
      ],
      bargeIn: false,
      loc: { line: 4, column: 3 },
    });
  });

  it('numbers are number parts, booleans are spoken words in the flow language', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Values"
          answers "100"
          language ru
          let n = 7
          let yes = n > 5
          say "{n} {yes}"
          hangup
      `),
    );
    expect(runner.start().command).toMatchObject({
      parts: [
        { kind: 'number', value: 7 },
        { kind: 'text', text: ' да' },
      ],
    });
  });

  it('play speaks a workspace prompt; a template outside speech is plain text', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Prompt"
          answers "100"
          let name = "Olena"
          let greeting = "Hello, {name}! You are caller {1 + 1}."
          play "greeting"
          log greeting = greeting
          hangup
      `),
    );
    expect(runner.start().command).toEqual({
      type: 'say',
      parts: [{ kind: 'prompt', name: 'greeting' }],
      bargeIn: false,
      loc: { line: 5, column: 3 },
    });
    expect(runner.step(played).command).toMatchObject({
      type: 'log',
      fields: { greeting: 'Hello, Olena! You are caller 2.' },
    });
  });

  it('ewt and position in a queue announcement are parts the ACD fills in', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Announce"
          answers "100"
          queue "general"
            announce "You are number {position}, about {ewt} minutes." every 30s
      `),
    );
    expect(runner.start().command).toMatchObject({
      type: 'queue',
      announce: [
        { kind: 'text', text: 'You are number ' },
        { kind: 'position' },
        { kind: 'text', text: ', about ' },
        { kind: 'ewt' },
        { kind: 'text', text: ' minutes.' },
      ],
      announceEveryMs: 30_000,
      handlesOverflow: false,
    });
  });
});

describe('js blocks', () => {
  let runner: FlowRunner;
  afterEach(() => runner?.dispose());

  it('a js block reads copies of the variables and its assignments are written back', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Js"
          answers "100"
          let count = 2
          let names = ["a"]
          js {
            count = count * 21
            names.push("b")
            return
          }
          say "{count} {length(names)}"
          hangup
      `),
    );
    expect(runner.start().command).toMatchObject({ parts: [{ value: 42 }, { text: ' ' }, { value: 2 }] });
    expect(runner.state.vars).toEqual({ count: 42, names: ['a', 'b'] });
  });

  it('a js expression is evaluated and its value made JSON', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "JsExpr"
          answers "100"
          let base = 10
          let stamp = js { ({ when: new Date(0), n: base + 1, skip: undefined }) }
          say "ok"
          hangup
      `),
    );
    runner.start();
    expect(runner.state.vars.stamp).toEqual({ when: '1970-01-01T00:00:00.000Z', n: 11 });
  });

  it('secrets never reach js code, even past the checker (CF507)', async () => {
    const source = flowSource(`
      flow "JsSecret"
        answers "100"
        ask secret pin = digits 4 until "#"
          prompt "PIN"
        let seen = js { typeof pin }
        say "ok"
        hangup
    `);
    runner = await FlowRunner.load(compile(parse(source).document, TEST_WORKSPACE, { source }));
    runner.start();
    runner.step({ type: 'digits', digits: '', secret: { $secret: 'ref-9' }, terminated: true });
    expect(runner.state.vars.seen).toBe('undefined');
    expect(runner.state.vars.pin).toEqual({ $secret: 'ref-9' });
  });

  it('a js syntax error compiles to a failing step, not to a script that cannot load', async () => {
    // Parsed but not checked: the compiler must stay safe on its own.
    const source = flowSource(`
      flow "Broken"
        answers "100"
        say "before"
        js { if ( }
        hangup
    `);
    const flow = compile(parse(source).document, TEST_WORKSPACE, { source });
    runner = await FlowRunner.load(flow);
    expect(runner.start().command).toMatchObject({ type: 'say' });
    expect(runner.stepError(played)).toMatchObject({ code: 'js-syntax', loc: { line: 4, column: 3 } });
    expect(runner.fallback().command).toMatchObject({ type: 'say' });
    expect(runner.step(played).command).toMatchObject({ type: 'queue', queue: 'general' });
    expect(runner.step(ok).command).toMatchObject({ type: 'hangup' });
  });

  it('code that is only valid outside strict mode is a syntax error too', async () => {
    const source = flowSource(`
      flow "Sloppy"
        answers "100"
        let n = js { 010 }
        js { with ({}) {} }
        hangup
    `);
    runner = await FlowRunner.load(compile(parse(source).document, TEST_WORKSPACE, { source }));
    let thrown: unknown;
    try {
      runner.start();
    } catch (error) {
      thrown = (error as { thrown: unknown }).thrown;
    }
    expect(thrown).toMatchObject({ code: 'js-syntax' });
  });

  it('collected digits are text, so js sees them as strings', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Digits"
          answers "100"
          ask code = digits 3
            prompt "Code"
          let kind = js { typeof code }
          say "{kind}"
          hangup
      `),
    );
    runner.start();
    expect(runner.step(digits('007')).command).toMatchObject({ parts: [{ text: 'string' }] });
  });
});
