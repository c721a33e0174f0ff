import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../../language/compile.ts';
import type { InputResult, StepResult } from '../../../language/compiled-format.ts';
import { parse } from '../../../language/parse.ts';
import {
  CALL,
  CLOCK,
  compileChecked,
  dataOk,
  digits,
  FlowRunner,
  flowSource,
  ok,
  played,
  TEST_WORKSPACE,
  workspaceFrom,
} from './driver.ts';

const reference = readFileSync(new URL('./flows/reference.flow', import.meta.url), 'utf8');
const key3Path: InputResult[] = [
  played,
  digits('3'),
  digits('123456'),
  { type: 'digits', digits: '', secret: { $secret: 'r1' }, terminated: true },
  dataOk({ balance: 50, currency: 'UAH' }),
  played,
];

describe('state is JSON', () => {
  let runners: FlowRunner[] = [];
  afterEach(() => {
    for (const r of runners) r.dispose();
    runners = [];
  });

  it('a call moved to a fresh sandbox after every step continues identically', async () => {
    const flow = compileChecked(reference)[0];
    const steady = await FlowRunner.load(flow);
    runners.push(steady);
    const expected = [steady.start(), ...key3Path.map((input) => steady.step(input))];

    let moving = await FlowRunner.load(flow);
    runners.push(moving);
    const actual: StepResult[] = [moving.start()];
    for (const input of key3Path) {
      // The host keeps only JSON text; a new context picks the call up.
      const state = JSON.parse(JSON.stringify(moving.state));
      moving = await FlowRunner.load(flow);
      runners.push(moving);
      moving.stateJson = JSON.stringify(state);
      actual.push(moving.step(input));
    }
    expect(actual).toEqual(expected);
    for (const result of actual) expect(JSON.parse(JSON.stringify(result.state))).toEqual(result.state);
  });

  it('step works on a copy: the state passed in is never changed', () => {
    const flow = compileChecked(reference)[0];
    const sandbox: { globalThis?: unknown; __flows?: Record<string, any> } = {};
    runInNewContext(flow.code, sandbox);
    const script = sandbox.__flows![flow.meta.id];
    const first = script.start({ call: CALL, clock: CLOCK });
    const frozen = JSON.stringify(first.state);
    const second = script.step(first.state, { ...played, clock: CLOCK });
    expect(JSON.stringify(first.state)).toBe(frozen);
    expect(second.state).not.toBe(first.state);
    expect(Object.isFrozen(script)).toBe(true);
    expect(Object.isFrozen(script.meta)).toBe(true);
  });

  it('own.step on own.copy() gives what step gives and leaves the copied state as it was, frames included', () => {
    const source = flowSource(`
      flow "Frames"
        answers "100"
        let total = 0
        call greet("Ivan")
        set total = total + 1
        ask code = digits 2..4 until "#"
          prompt "Code?"
        hangup

      subflow greet(name)
        let shout = upper(name)
        ask pin = digits 1..2 until "#"
          prompt "Hello {shout}"
    `);
    for (const flow of [compileChecked(reference)[0], compileChecked(source)[0]]) {
      const sandbox: { __flows?: Record<string, any> } = {};
      runInNewContext(flow.code, sandbox);
      const script = sandbox.__flows![flow.meta.id];
      let state = script.own.start({ call: { ...CALL }, clock: CLOCK }).state;
      const inputs = flow.meta.name === 'Frames' ? [digits('12'), digits('345')] : key3Path;
      for (const input of inputs) {
        const before = JSON.stringify(state);
        const stepped = script.step(state, { ...input, clock: CLOCK });
        const owned = script.own.step(script.own.copy(state), { ...input, clock: CLOCK });
        expect(JSON.stringify(owned)).toBe(JSON.stringify(stepped));
        expect(JSON.stringify(state)).toBe(before);
        state = owned.state;
      }
      expect(state.pc).toBe('$end');
    }
  });

  it('a state from another flow version is refused', async () => {
    const runner = await FlowRunner.compile(reference);
    runners.push(runner);
    runner.start();
    runner.stateJson = JSON.stringify({ ...runner.state, flow: 'other@123' });
    expect(runner.stepError(played)).toMatchObject({ code: 'bad-state' });
  });
});

describe('fallback', () => {
  let runner: FlowRunner;
  afterEach(() => runner?.dispose());

  it('runs the fallback clause after a runtime error', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Clause"
          answers "100"
          fallback -> queue "vip"
          let customer = crm.lookup(caller.number)
          say "Hello {customer.name}"
          hangup
      `),
    );
    expect(runner.flow.meta.hasFallback).toBe(true);
    runner.start();
    const before = runner.stateJson;
    expect(runner.stepError(dataOk(null))).toMatchObject({ code: 'none-field' });
    expect(runner.stateJson).toBe(before);
    expect(runner.fallback().command).toMatchObject({
      type: 'queue',
      queue: 'vip',
      loc: { line: 3, column: 15 },
    });
    expect(runner.step({ type: 'queue', outcome: 'timeout' }).command).toMatchObject({ type: 'hangup' });
  });

  it('without a clause: the apology in the flow language, then the default queue', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Default"
          answers "100"
          language uk
          say "Привіт"
          hangup
      `),
    );
    runner.start();
    expect(runner.fallback().command).toEqual({
      type: 'say',
      parts: [{ kind: 'text', text: "Вибачте, сталася технічна помилка. З'єднуємо Вас з оператором." }],
      bargeIn: false,
      loc: { line: 1, column: 6 },
    });
    expect(runner.step(played).command).toMatchObject({
      type: 'queue',
      queue: 'general',
      handlesOverflow: false,
    });
    expect(runner.step(ok).command).toMatchObject({ type: 'hangup' });
  });

  it('without a default queue the apology is followed by a hang-up', async () => {
    const source = flowSource(`
      flow "Alone"
        answers "100"
        say "Добрый день"
        hangup
    `);
    const flow = compileChecked(source, workspaceFrom({}))[0];
    runner = await FlowRunner.load(flow);
    runner.start();
    expect(runner.fallback().command).toMatchObject({
      parts: [{ text: 'Извините, произошла техническая ошибка. Пожалуйста, перезвоните позже.' }],
    });
    expect(runner.step(played).command).toMatchObject({ type: 'hangup' });
  });

  it('leaves subflow frames and survives a broken state', async () => {
    runner = await FlowRunner.compile(
      flowSource(`
        flow "Frames"
          answers "100"
          call greet("Ivan")
          hangup

        subflow greet(name)
          say "Hello {name}"
      `),
    );
    runner.start();
    expect(runner.state.frames).toHaveLength(1);
    runner.fallback();
    expect(runner.state.frames).toEqual([]);
    expect(runner.state.vars).toEqual({});

    runner.stateJson = 'null';
    expect(runner.fallback().command).toMatchObject({ type: 'say' });
    expect(runner.state.flow).toBe(runner.flow.meta.id);
  });

  it('a loop without a wait fails the step with a spin error instead of hanging', async () => {
    // CF407 rejects this; compiled anyway to show the guard holds without the checker.
    const source = flowSource(`
      flow "Spin"
        answers "100"
        goto a

        step a
          goto b

        step b
          goto a
    `);
    runner = await FlowRunner.load(compile(parse(source).document, TEST_WORKSPACE, { source }));
    let error: unknown;
    try {
      runner.start();
    } catch (e) {
      error = (e as { thrown: unknown }).thrown;
    }
    expect(error).toMatchObject({ name: 'FlowError', code: 'spin' });
  });
});
