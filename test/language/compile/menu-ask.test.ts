import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../../language/compile.ts';
import { parse } from '../../../language/parse.ts';
import { digits, FlowRunner, flowSource, invalid, played, TEST_WORKSPACE, timeout } from './driver.ts';

const menuFlow = flowSource(`
  flow "Menu"
    answers "100"
    menu main retries 2 timeout 4s
      prompt "Press 1 or 2"
      on 1 -> queue "tech-support"
      on 2
        say "two"
        hangup
      on timeout
        say "Nothing pressed"
        repeat
      after retries -> queue "general"
`);

describe('menu', () => {
  let runner: FlowRunner;
  afterEach(() => runner?.dispose());

  it('prompts with a one-key collection limited to the choice keys', async () => {
    runner = await FlowRunner.compile(menuFlow);
    expect(runner.start().command).toEqual({
      type: 'collect',
      prompt: [{ kind: 'text', text: 'Press 1 or 2' }],
      min: 1,
      max: 1,
      terminator: null,
      firstTimeoutMs: 4000,
      interDigitTimeoutMs: 4000,
      pattern: null,
      secret: false,
      validKeys: ['1', '2'],
      loc: { line: 3, column: 3 },
    });
  });

  it('a key runs its branch', async () => {
    runner = await FlowRunner.compile(menuFlow);
    runner.start();
    expect(runner.step(digits('2')).command).toMatchObject({
      type: 'say',
      parts: [{ kind: 'text', text: 'two' }],
    });
    expect(runner.step(played).command).toMatchObject({ type: 'hangup', loc: { line: 8, column: 7 } });
  });

  it('timeout runs its handler, then re-prompts; invalid re-prompts; past the retries: after retries', async () => {
    runner = await FlowRunner.compile(menuFlow);
    runner.start();
    expect(runner.step(timeout).command).toMatchObject({ type: 'say', parts: [{ text: 'Nothing pressed' }] });
    expect(runner.step(played).command).toMatchObject({ type: 'collect', validKeys: ['1', '2'] });
    expect(runner.state.counters).toEqual({ 'menu main@3:3': 1 });
    expect(runner.step(invalid('7')).command).toMatchObject({ type: 'collect' });
    expect(runner.state.counters).toEqual({ 'menu main@3:3': 2 });
    expect(runner.step(invalid('7')).command).toMatchObject({ type: 'queue', queue: 'general' });
    expect(runner.state.counters).toEqual({});
  });

  it('a digit outside the choices counts as invalid', async () => {
    runner = await FlowRunner.compile(menuFlow);
    runner.start();
    expect(runner.step(digits('5')).command).toMatchObject({ type: 'collect' });
    expect(runner.state.counters['menu main@3:3']).toBe(1);
  });

  it('a successful choice forgets the failed attempts', async () => {
    runner = await FlowRunner.compile(menuFlow);
    runner.start();
    runner.step(invalid());
    runner.step(digits('1'));
    expect(runner.state.counters).toEqual({});
  });

  it('without `after retries` (CF405) the call goes on after the menu after the default 3 retries', async () => {
    const source = flowSource(`
      flow "No exit"
        answers "100"
        menu main
          prompt "Press 1"
          on 1 -> hangup
          on timeout, invalid -> repeat
        say "Goodbye"
        hangup
    `);
    runner = await FlowRunner.load(compile(parse(source).document, TEST_WORKSPACE, { source }));
    runner.start();
    // The default is 3 retries: the prompt is heard 4 times.
    for (let i = 0; i < 3; i++) expect(runner.step(timeout).command).toMatchObject({ type: 'collect' });
    expect(runner.step(timeout).command).toMatchObject({ type: 'say', parts: [{ text: 'Goodbye' }] });
  });

  it('an ask whose retries run out without `after retries` goes to the fallback', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "No exit"
          answers "100"
          language en
          ask code = digits 2 retries 1
            prompt "Code"
          hangup
      `),
    );
    runner.start();
    runner.step(timeout);
    expect(runner.step(timeout).command).toMatchObject({
      type: 'say',
      parts: [{ kind: 'text', text: 'Sorry, a technical error occurred. Connecting you to an operator.' }],
    });
    expect(runner.step(played).command).toMatchObject({ type: 'queue', queue: 'general' });
  });
});

const askFlow = flowSource(`
  flow "Ask"
    answers "100"
    ask code = digits 3..5 until "#" timeout 6s interdigit 2s matching "^[0-9]+$" retries 1
      prompt "Enter the code"
      on invalid -> say "Wrong code"
      after retries -> queue "general"
    say "Code {code}"
    hangup
`);

describe('ask', () => {
  let runner: FlowRunner;
  afterEach(() => runner?.dispose());

  it('collects with the declared limits and stores the digits', async () => {
    runner = await FlowRunner.compile(askFlow);
    expect(runner.start().command).toEqual({
      type: 'collect',
      prompt: [{ kind: 'text', text: 'Enter the code' }],
      min: 3,
      max: 5,
      terminator: '#',
      firstTimeoutMs: 6000,
      interDigitTimeoutMs: 2000,
      pattern: '^[0-9]+$',
      secret: false,
      validKeys: null,
      loc: { line: 3, column: 3 },
    });
    expect(runner.step(digits('0042')).command).toMatchObject({
      type: 'say',
      parts: [{ kind: 'text', text: 'Code 0042' }],
    });
    expect(runner.state.vars).toEqual({ code: '0042' });
  });

  it('invalid runs the handler and re-prompts; timeout re-prompts; then after retries', async () => {
    runner = await FlowRunner.compile(askFlow);
    runner.start();
    expect(runner.step(invalid('12')).command).toMatchObject({
      type: 'say',
      parts: [{ text: 'Wrong code' }],
    });
    expect(runner.step(played).command).toMatchObject({
      type: 'collect',
      prompt: [{ text: 'Enter the code' }],
    });
    expect(runner.step(timeout).command).toMatchObject({ type: 'queue', queue: 'general' });
  });

  it('digits shorter than the minimum are treated as invalid', async () => {
    runner = await FlowRunner.compile(askFlow);
    runner.start();
    expect(runner.step({ type: 'digits', digits: '12', terminated: true }).command).toMatchObject({
      type: 'say',
      parts: [{ text: 'Wrong code' }],
    });
    expect(runner.state.vars).toEqual({});
  });

  it('a secret ask without a reference from the host fails the step instead of storing digits', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Pin"
          answers "100"
          ask secret pin = digits 4 until "#"
            prompt "PIN"
          hangup
      `),
    );
    runner.start();
    const error = runner.stepError(digits('1234'));
    expect(error).toMatchObject({ name: 'FlowError', code: 'secret-missing' });
    expect(runner.stateJson).not.toContain('1234');
  });
});
