import { beforeAll, describe, expect, it } from 'vitest';
import { buildSourceMap } from '../../../language/compile/source-map.ts';
import type { CompiledFlow } from '../../../language/compiled-format.ts';
import { FlowSandbox, type StepOutcome, type StepReply } from '../../../runtime/sandbox/flow-sandbox.ts';
import type { QuickJsEngine } from '../../../runtime/sandbox/quickjs-engine.ts';
import { callStart, clockAt, FLOW_LINE_OFFSET, handWrittenFlow, sandboxSuite } from './hand-written-flow.ts';

const T0 = Date.UTC(2026, 0, 5, 9);

function ok(outcome: StepOutcome): StepReply {
  if (!outcome.ok) throw new Error(`expected a step result, got ${outcome.error.describe()}`);
  return outcome.result;
}

/** A hand-written flow whose start returns `state` (a JS expression over `init`). */
function flowReturning(state: string, file = 'probe.js'): CompiledFlow {
  const flow = handWrittenFlow();
  const code = [
    `globalThis.__flows['probe'] = {`,
    `  start(init) { return { state: ${state}, command: { type: 'hangup', loc: { line: 3, column: 4 } } }; },`,
    `  step(s) { null.boom; },`,
    `};`,
  ].join('\n');
  const mappings = [0, 1, 2, 3].map((line) => ({
    generatedLine: line,
    generatedColumn: 0,
    sourceLine: line + FLOW_LINE_OFFSET,
    sourceColumn: 0,
  }));
  return {
    meta: { ...flow.meta, id: 'probe' },
    code,
    sourceMap: buildSourceMap(mappings, { file, source: 'probe.flow' }),
  };
}

describe('one string in, one string out', () => {
  let engine: QuickJsEngine;
  let support: CompiledFlow;
  beforeAll(async () => {
    ({ engine, support } = await sandboxSuite());
  });

  it('hands the state over as the text it goes back as, with its flow and step read out', async () => {
    const sandbox = await FlowSandbox.create(handWrittenFlow(), { engine });
    const first = ok(sandbox.start(callStart('c1', 'ok')));
    expect(first.flow).toBe('hand-1');
    expect(first.step).toBe('main');
    expect(first.state).toEqual(JSON.parse(first.stateText));
    const fromText = ok(sandbox.step(first.stateText, { type: 'played', clock: clockAt(T0 + 7) }));
    const fromObject = ok(sandbox.step(first.state, { type: 'played', clock: clockAt(T0 + 7) }));
    expect(fromText.command).toEqual(fromObject.command);
    expect(fromText.stateText).toBe(fromObject.stateText);
    expect(fromText.state.vars).toMatchObject({ n: 1, at: T0 + 7, lastInput: 'played' });
    sandbox.dispose();
  });

  it('gives a constant command the same frozen object on every call, equal to its first crossing', async () => {
    const sandbox = await FlowSandbox.create(support, { engine });
    const call = {
      id: 'c',
      caller: { number: '+380501234567', name: null },
      dialled: '0800300400',
      tenant: 't',
    };
    const first = ok(sandbox.start({ call, clock: clockAt(T0) }));
    const second = ok(sandbox.start({ call: { ...call, id: 'd' }, clock: clockAt(T0) }));
    expect(first.command).toEqual({
      type: 'say',
      parts: [{ kind: 'text', text: 'Добрый день, компания “АВС Интернет”, спасибо за звонок.' }],
      bargeIn: false,
      loc: { line: 9, column: 3 },
    });
    expect(second.command).toBe(first.command);
    expect(Object.isFrozen(first.command)).toBe(true);
    expect(Object.isFrozen((first.command as { parts: object[] }).parts[0])).toBe(true);
    expect(second.state.call.id).toBe('d');
    // A rebuilt context numbers its constants afresh; the host starts over with it.
    sandbox.rebuild('test');
    expect(ok(sandbox.start({ call, clock: clockAt(T0) })).command).toEqual(first.command);
    sandbox.dispose();
  });

  it('reports a malformed state as bad-result with the command position', async () => {
    const sandbox = await FlowSandbox.create(
      flowReturning(`{ flow: 'probe', pc: 'x', step: 'main', vars: [], frames: [], counters: {}, call: {} }`),
      { engine },
    );
    const outcome = sandbox.start(callStart('c', 'ok'));
    expect(outcome.ok ? null : [outcome.error.kind, outcome.error.message, outcome.error.loc]).toEqual([
      'bad-result',
      'state.vars is not an object',
      { line: 3, column: 4 },
    ]);
    sandbox.dispose();
  });

  it("passes another flow's state id through for the session to refuse", async () => {
    const sandbox = await FlowSandbox.create(
      flowReturning(`{ flow: 'other', pc: 'x', step: 'main', vars: {}, frames: [], counters: {}, call: {} }`),
      { engine },
    );
    expect(ok(sandbox.start(callStart('c', 'ok'))).flow).toBe('other');
    sandbox.dispose();
  });

  it('maps a failing step to the flow line when the script name has spaces and parentheses', async () => {
    const sandbox = await FlowSandbox.create(
      flowReturning(
        `{ flow: 'probe', pc: 'x', step: 'main', vars: {}, frames: [], counters: {}, call: {} }`,
        'probe (Поддержка).js',
      ),
      { engine },
    );
    const started = ok(sandbox.start(callStart('c', 'ok')));
    const failed = sandbox.step(started.stateText, { type: 'played', clock: clockAt(T0) });
    expect(
      failed.ok ? null : [failed.error.kind, failed.error.loc?.line, failed.error.scriptLoc?.line],
    ).toEqual(['threw', 3 + FLOW_LINE_OFFSET, 3]);
    sandbox.dispose();
  });
});
