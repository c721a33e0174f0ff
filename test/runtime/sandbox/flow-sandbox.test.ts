import { beforeAll, describe, expect, it } from 'vitest';
import type { FlowState, StepResult } from '../../../language/compiled-format.ts';
import { FlowSandbox, type StepOutcome } from '../../../runtime/sandbox/flow-sandbox.ts';
import { QuickJsEngine } from '../../../runtime/sandbox/quickjs-engine.ts';
import { callStart, clockAt, FAILING_LINE, FLOW_LINE_OFFSET, handWrittenFlow } from './hand-written-flow.ts';

const T0 = Date.UTC(2026, 0, 5, 9);

function ok(outcome: StepOutcome): StepResult {
  if (!outcome.ok) throw new Error(`expected a step result, got ${outcome.error.describe()}`);
  return outcome.result;
}

/** Runs a well-behaved call to the end: say -> collect -> hangup. */
function finishCall(sandbox: FlowSandbox, state: FlowState): string[] {
  const commands: string[] = [];
  let result = ok(sandbox.step(state, { type: 'played', clock: clockAt(T0 + 1000) }));
  commands.push(result.command.type);
  result = ok(
    sandbox.step(result.state, { type: 'digits', digits: '12', terminated: true, clock: clockAt(T0 + 2000) }),
  );
  commands.push(result.command.type);
  expect(result.state.vars.n).toBe(2);
  return commands;
}

describe('FlowSandbox', () => {
  let engine: QuickJsEngine;
  beforeAll(async () => {
    engine = await QuickJsEngine.load({ capBytes: 96 * 1024 * 1024, renewAboveBytes: 1024 * 1024 * 1024 });
  });

  it('runs start and steps as JSON in, JSON out', async () => {
    const sandbox = await FlowSandbox.create(handWrittenFlow(), { engine });
    const first = ok(sandbox.start(callStart('c1', 'ok')));
    expect(first.command).toEqual({
      type: 'say',
      parts: [{ kind: 'text', text: 'Hello +380501234567' }],
      bargeIn: true,
      loc: { line: 1, column: 1 },
    });
    const second = ok(sandbox.step(first.state, { type: 'played', clock: clockAt(T0 + 42) }));
    expect(second.command.type).toBe('collect');
    // Date.now() inside the sandbox is the call's clock, not the host's.
    expect(second.state.vars.at).toBe(T0 + 42);
    sandbox.dispose();
  });

  for (const mode of ['loop', 'alloc', 'deep', 'throw'] as const) {
    it(`isolates a step that fails by ${mode}: the other call on the same context completes`, async () => {
      const sandbox = await FlowSandbox.create(handWrittenFlow(), { engine });
      const good = ok(sandbox.start(callStart('good', 'ok')));
      const bad = ok(sandbox.start(callStart('bad', mode)));

      const failed = sandbox.step(bad.state, { type: 'played', clock: clockAt(T0 + 500) });
      expect(failed.ok).toBe(false);
      const error = (
        failed as { ok: false; error: import('../../../runtime/sandbox/sandbox-error.ts').SandboxError }
      ).error;
      const expectedKind = {
        loop: 'timeout',
        alloc: 'out-of-memory',
        deep: 'stack-overflow',
        throw: 'threw',
      }[mode];
      expect(error.kind).toBe(expectedKind);
      expect(error.loc?.line).toBe(FAILING_LINE[mode] + FLOW_LINE_OFFSET);
      if (mode === 'throw') expect(error.message).toBe('Error: no balance for throw');

      expect(finishCall(sandbox, good.state)).toEqual(['collect', 'hangup']);

      const fallback = ok(sandbox.fallback(bad.state, error, clockAt(T0 + 600)));
      expect(fallback.command).toMatchObject({ type: 'say', parts: [{ text: 'Sorry' }] });
      expect(fallback.state.vars.failure).toMatchObject({
        kind: expectedKind,
        line: FAILING_LINE[mode] + FLOW_LINE_OFFSET,
      });
      sandbox.dispose();
    });
  }

  it('rebuilds the context after an out-of-memory without losing the calls in progress', async () => {
    const sandbox = await FlowSandbox.create(handWrittenFlow(), { engine });
    const good = ok(sandbox.start(callStart('good', 'ok')));
    const bad = ok(sandbox.start(callStart('bad', 'alloc')));
    expect(sandbox.step(bad.state, { type: 'played', clock: clockAt(T0) }).ok).toBe(false);
    expect(finishCall(sandbox, good.state)).toEqual(['collect', 'hangup']);
    expect(sandbox.statistics()).toMatchObject({ rebuilds: 1, lastRebuildReason: 'out of memory' });
    sandbox.dispose();
  });

  it('rebuilds the context when steps keep growing memory, and calls carry on', async () => {
    const sandbox = await FlowSandbox.create(handWrittenFlow(), {
      engine,
      limits: { contextBudgetBytes: 2 * 1024 * 1024, memoryCheckEvery: 1 },
    });
    const leaky = ok(sandbox.start(callStart('leaky', 'leak')));
    const good = ok(sandbox.start(callStart('good', 'ok')));
    let state = leaky.state;
    for (let i = 0; i < 12; i++) {
      // The leaking call keeps going round greet -> collect -> hangup -> ...: only its memory grows.
      const result = ok(sandbox.step({ ...state, pc: 'greet' }, { type: 'played', clock: clockAt(T0 + i) }));
      state = result.state;
    }
    expect(sandbox.statistics().rebuilds).toBeGreaterThan(0);
    expect(sandbox.statistics().lastRebuildReason).toBe('context over budget');
    expect(state.vars.n).toBe(12);
    expect(finishCall(sandbox, good.state)).toEqual(['collect', 'hangup']);
    sandbox.dispose();
  });

  it('moves to a fresh engine module after a renewal, keeping call state', async () => {
    const own = await QuickJsEngine.load();
    const sandbox = await FlowSandbox.create(handWrittenFlow(), { engine: own });
    const call = ok(sandbox.start(callStart('c', 'ok')));
    await own.renew();
    expect(finishCall(sandbox, call.state)).toEqual(['collect', 'hangup']);
    expect(sandbox.statistics().lastRebuildReason).toBe('engine renewed');
  });

  it('reports a result that is not a StepResult as bad-result', async () => {
    const sandbox = await FlowSandbox.create(handWrittenFlow(), { engine });
    const call = ok(sandbox.start(callStart('c', 'garbage')));
    const outcome = sandbox.step(call.state, { type: 'played', clock: clockAt(T0) });
    expect(outcome.ok ? null : outcome.error.kind).toBe('bad-result');
    sandbox.dispose();
  });

  it('refuses a script that does not load, with its position', async () => {
    const flow = handWrittenFlow();
    await expect(
      FlowSandbox.create({ ...flow, code: `${flow.code}\nthrow new Error('broken');` }, { engine }),
    ).rejects.toMatchObject({ kind: 'load-failed' });
  });

  it('exposes no host objects and none of the intrinsics the language does not need', async () => {
    const flow = handWrittenFlow();
    const probe = `globalThis.__flows['probe'] = { start() { return { state: { flow: 'probe', pc: 'x', step: 'main',
      vars: { globals: [typeof process, typeof require, typeof Proxy, typeof Promise, typeof ArrayBuffer, typeof Uint8Array].join() },
      frames: [], counters: {}, call: {} }, command: { type: 'hangup', loc: { line: 1, column: 1 } } }; } };`;
    const sandbox = await FlowSandbox.create(
      { ...flow, meta: { ...flow.meta, id: 'probe' }, code: probe },
      { engine },
    );
    const result = ok(sandbox.start(callStart('p', 'ok')));
    expect(result.state.vars.globals).toBe('undefined,undefined,undefined,undefined,undefined,undefined');
    sandbox.dispose();
  });
});
