import { beforeAll, describe, expect, it } from 'vitest';
import { buildSourceMap } from '../../../language/compile/source-map.ts';
import type { CompiledFlow, StepInput } from '../../../language/compiled-format.ts';
import {
  FlowSandbox,
  type HeldState,
  type StepOutcome,
  type StepReply,
} from '../../../runtime/sandbox/flow-sandbox.ts';
import { QuickJsEngine } from '../../../runtime/sandbox/quickjs-engine.ts';
import { callStart, clockAt, handWrittenFlow, sandboxSuite } from './hand-written-flow.ts';

const T0 = Date.UTC(2026, 0, 5, 9);

function ok(outcome: StepOutcome): StepReply {
  if (!outcome.ok) throw new Error(`expected a step result, got ${outcome.error.describe()}`);
  return outcome.result;
}

/**
 * A hand-written flow (compiled-format contract) whose `step` body is `body` over (state, input).
 * With `own`, it also offers the shim's way in (`own.start/step/copy`, as compiled flows do), so
 * its held states stay objects in the context instead of JSON text.
 */
function probeFlow(body: string, options: { own?: boolean } = {}): CompiledFlow {
  const flow = handWrittenFlow();
  const own = options.own
    ? [
        `const probe = globalThis.__flows['probe'];`,
        // own.step changes the state it is given, as the compiled prelude's does.
        `probe.own = { start: (init) => probe.start(init),`,
        `  step: (state, input) => { const r = probe.step(state, input); Object.assign(state, r.state); return { ...r, state }; },`,
        `  copy: (state) => ({ ...state, vars: { ...state.vars }, counters: { ...state.counters }, frames: [...state.frames] }) };`,
      ]
    : [];
  const code = [
    `globalThis.__flows['probe'] = {`,
    `  start(init) { return { state: { flow: 'probe', pc: 'a', step: 'main', vars: { n: 0 }, frames: [], counters: {}, call: init.call },`,
    `    command: { type: 'hangup', loc: { line: 1, column: 1 } } }; },`,
    `  step(state, input) { ${body} },`,
    `  fallback(state, err) { const before = state.vars.failure ? state.vars.failure + '+' : '';`,
    `    return { state: { ...state, pc: 'fell', vars: { ...state.vars, failure: before + err.kind } },`,
    `    command: { type: 'hangup', loc: { line: 1, column: 1 } } }; },`,
    `};`,
    ...own,
  ].join('\n');
  const mappings = code.split('\n').map((_line, i) => ({
    generatedLine: i,
    generatedColumn: 0,
    sourceLine: i + 1,
    sourceColumn: 0,
  }));
  return {
    meta: { ...flow.meta, id: 'probe' },
    code,
    sourceMap: buildSourceMap(mappings, { file: 'probe.js', source: 'probe.flow' }),
  };
}

/** A step that counts in vars.n and answers with a hangup (or with `command` when given). */
const COUNT = `const s = { ...state, vars: { ...state.vars, n: state.vars.n + 1 } };
    return { state: s, command: { type: 'hangup', loc: { line: 1, column: 1 } } };`;

const played = (at: number): StepInput => ({ type: 'played', clock: clockAt(at) });

/** A flow with `own` is held as objects, any other as JSON text (held-state-shim.ts). */
const HOLDING = ['text', 'objects'] as const;

describe('call states held in the sandbox', () => {
  let engine: QuickJsEngine;
  let support: CompiledFlow;
  beforeAll(async () => {
    ({ engine, support } = await sandboxSuite());
  });

  it('runs the reference flow exactly as a state kept on the host does: same commands, same state text', async () => {
    const sandbox = await FlowSandbox.create(support, { engine });
    const call = {
      id: 'c1',
      caller: { number: '+380501234567', name: 'Іван' },
      dialled: '0800300400',
      tenant: 't',
    };
    const inputs: StepInput[] = [
      { type: 'played', clock: clockAt(T0 + 1) },
      { type: 'digits', digits: '3', terminated: false, clock: clockAt(T0 + 2) },
      { type: 'digits', digits: '123456', terminated: true, clock: clockAt(T0 + 3) },
      { type: 'digits', digits: '', secret: { $secret: 's1' }, terminated: true, clock: clockAt(T0 + 4) },
      {
        type: 'data',
        ok: true,
        value: { balance: 50, currency: 'UAH', note: 'Гривні' },
        clock: clockAt(T0 + 5),
      },
      { type: 'played', clock: clockAt(T0 + 6) },
    ];
    const held = sandbox.hold();
    let fromHeld = ok(sandbox.start({ call, clock: clockAt(T0) }, held));
    let fromText = ok(sandbox.start({ call, clock: clockAt(T0) }));
    const commands: string[] = [];
    for (const input of inputs) {
      expect(fromHeld.command).toEqual(fromText.command);
      expect(fromHeld.step).toBe(fromText.step);
      expect(fromHeld.stateText).toBe(fromText.stateText);
      commands.push(fromHeld.command.type);
      fromHeld = ok(sandbox.step(held, input));
      fromText = ok(sandbox.step(fromText.stateText, input));
    }
    expect(fromHeld.stateText).toBe(fromText.stateText);
    expect(fromHeld.state.vars).toMatchObject({ contract: '123456', pin: { $secret: 's1' } });
    expect([...commands, fromHeld.command.type]).toEqual([
      'say',
      'collect',
      'collect',
      'collect',
      'data',
      'say',
      'hangup',
    ]);
    sandbox.dispose();
  });

  it('keeps a state as JSON would: what JSON cannot hold is gone at the next step', async () => {
    const sandbox = await FlowSandbox.create(
      probeFlow(`if (state.pc === 'a') return { state: { ...state, pc: 'b', vars: { big: Infinity, gone: undefined, at: new Date(0), list: [undefined] } },
        command: { type: 'hangup', loc: { line: 1, column: 1 } } };
      return { state: { ...state, vars: { seen: JSON.stringify(state.vars), frozen: Object.isFrozen(state.vars) } }, command: { type: 'hangup', loc: { line: 1, column: 1 } } };`),
      { engine },
    );
    const held = sandbox.hold();
    ok(sandbox.start(callStart('c', 'ok'), held));
    ok(sandbox.step(held, played(T0)));
    const after = ok(sandbox.step(held, played(T0 + 1)));
    expect(after.state.vars).toEqual({
      seen: '{"big":null,"at":"1970-01-01T00:00:00.000Z","list":[null]}',
      frozen: false,
    });
    sandbox.dispose();
  });

  it('hands a step the JSON text of its state when the flow writes it, as a state kept on the host does', async () => {
    const sandbox = await FlowSandbox.create(
      probeFlow(`return { state: { ...state, vars: { n: state.vars.n + 1, seen: JSON.stringify(state) } },
        command: { type: 'hangup', loc: { line: 1, column: 1 } } };`),
      { engine },
    );
    const held = sandbox.hold();
    let text = ok(sandbox.start(callStart('c', 'Олена'), held)).stateText;
    for (let i = 0; i < 3; i++) {
      const before = text;
      const fromHeld = ok(sandbox.step(held, played(T0 + i)));
      expect(fromHeld.state.vars.seen).toBe(before);
      text = fromHeld.stateText;
      expect(text).toBe(ok(sandbox.step(before, played(T0 + i))).stateText);
    }
    sandbox.dispose();
  });

  for (const mode of ['loop', 'alloc', 'deep', 'throw'] as const) {
    it(`leaves a held call untouched when another call's step fails by ${mode}; the failed one falls back from its last state`, async () => {
      const sandbox = await FlowSandbox.create(handWrittenFlow(), { engine });
      const good = sandbox.hold();
      const bad = sandbox.hold();
      ok(sandbox.start(callStart('good', 'ok'), good));
      ok(sandbox.start(callStart('bad', mode), bad));
      const failed = sandbox.step(bad, played(T0 + 500));
      expect(failed.ok).toBe(false);
      let result = ok(sandbox.step(good, played(T0 + 1000)));
      expect(result.command.type).toBe('collect');
      result = ok(
        sandbox.step(good, { type: 'digits', digits: '12', terminated: true, clock: clockAt(T0 + 2000) }),
      );
      expect(result.command.type).toBe('hangup');
      expect(result.state.vars).toMatchObject({ mode: 'ok', n: 2 });
      if (!failed.ok) {
        const fallback = ok(sandbox.fallback(bad, failed.error, clockAt(T0 + 600)));
        expect(fallback.state.pc).toBe('end');
        expect(fallback.state.vars).toMatchObject({ mode, n: 0, failure: { kind: failed.error.kind } });
      }
      sandbox.dispose();
    });
  }

  it.each(HOLDING)(
    'carries held states across a rebuild: they come out as text and go into the new context (states held as %s)',
    async (holding) => {
      const sandbox = await FlowSandbox.create(probeFlow(COUNT, { own: holding === 'objects' }), { engine });
      const calls = Array.from({ length: 300 }, () => sandbox.hold());
      for (const [i, held] of calls.entries()) ok(sandbox.start(callStart(`c${i}`, 'ok'), held));
      for (const held of calls) ok(sandbox.step(held, played(T0)));
      sandbox.rebuild('test');
      const after = calls.map((held) => ok(sandbox.step(held, played(T0 + 1))).state);
      expect(after.map((s) => s.vars.n)).toEqual(calls.map(() => 2));
      expect(after[299].call.id).toBe('c299');
      expect(sandbox.statistics()).toMatchObject({ rebuilds: 1, lastRebuildReason: 'test' });
      sandbox.dispose();
    },
  );

  it('carries held states to a fresh engine module, and past an out-of-memory rebuild', async () => {
    const own = await QuickJsEngine.load();
    const sandbox = await FlowSandbox.create(handWrittenFlow(), { engine: own });
    const good = sandbox.hold();
    const bad = sandbox.hold();
    ok(sandbox.start(callStart('good', 'ok'), good));
    ok(sandbox.start(callStart('bad', 'alloc'), bad));
    expect(sandbox.step(bad, played(T0)).ok).toBe(false);
    expect(ok(sandbox.step(good, played(T0 + 1))).state.vars.n).toBe(1);
    expect(sandbox.statistics().lastRebuildReason).toBe('out of memory');
    await own.renew();
    const last = ok(
      sandbox.step(good, { type: 'digits', digits: '1', terminated: true, clock: clockAt(T0 + 2) }),
    );
    expect(last.state.vars).toMatchObject({ n: 2, mode: 'ok' });
    expect(sandbox.statistics().lastRebuildReason).toBe('engine renewed');
    sandbox.dispose();
  });

  it.each(HOLDING)(
    'undoes a step whose command the host refuses: the fallback starts from the state before it (states held as %s)',
    async (holding) => {
      const sandbox = await FlowSandbox.create(
        probeFlow(
          `const s = { ...state, pc: 'b', vars: { n: state.vars.n + 1 } };
        return { state: s, command: state.vars.n === 1 ? { type: 'bogus', loc: { line: 1, column: 1 } } : { type: 'hangup', loc: { line: 1, column: 1 } } };`,
          { own: holding === 'objects' },
        ),
        { engine },
      );
      const held = sandbox.hold();
      ok(sandbox.start(callStart('c', 'ok'), held));
      expect(ok(sandbox.step(held, played(T0))).state.vars.n).toBe(1);
      const refused = sandbox.step(held, played(T0 + 1));
      expect(refused.ok ? null : refused.error.kind).toBe('bad-result');
      if (refused.ok) return;
      const fallback = ok(sandbox.fallback(held, refused.error, clockAt(T0 + 2)));
      expect(fallback.state.vars).toEqual({ n: 1, failure: 'bad-result' });
      sandbox.dispose();
    },
  );

  it.each(HOLDING)(
    "keeps the last state when a step returns another flow's state, and can take back a result (states held as %s)",
    async (holding) => {
      const sandbox = await FlowSandbox.create(
        probeFlow(
          `const s = { ...state, flow: state.vars.n === 1 ? 'other' : state.flow, vars: { n: state.vars.n + 1 } };
        return { state: s, command: { type: 'hangup', loc: { line: 1, column: 1 } } };`,
          { own: holding === 'objects' },
        ),
        { engine },
      );
      const held = sandbox.hold();
      ok(sandbox.start(callStart('c', 'ok'), held));
      ok(sandbox.step(held, played(T0)));
      expect(ok(sandbox.step(held, played(T0 + 1))).flow).toBe('other');
      // n stayed 1: the other flow's state was not kept, so the step runs on the same state again.
      expect(ok(sandbox.step(held, played(T0 + 2))).flow).toBe('other');
      // Taking back a result (before anything else reaches the sandbox) leaves the state before it.
      ok(sandbox.fallback(held, { kind: 'test', message: 'x', loc: null }, clockAt(T0 + 3)));
      expect(sandbox.discardLast(held)).toBe(true);
      const kept = ok(sandbox.fallback(held, { kind: 'again', message: 'x', loc: null }, clockAt(T0 + 4)));
      expect(kept.state.vars).toEqual({ n: 1, failure: 'again' });
      // Once another call came in, the last result is settled.
      ok(sandbox.fallback(held, { kind: 'more', message: 'x', loc: null }, clockAt(T0 + 5)));
      ok(sandbox.start(callStart('other', 'ok'), sandbox.hold()));
      expect(sandbox.discardLast(held)).toBe(false);
      const settled = ok(sandbox.fallback(held, { kind: 'last', message: 'x', loc: null }, clockAt(T0 + 6)));
      expect(settled.state.vars).toEqual({ n: 1, failure: 'again+more+last' });
      sandbox.dispose();
    },
  );

  it('reads a held state only while it is the latest; a released call has none', async () => {
    const sandbox = await FlowSandbox.create(probeFlow(COUNT), { engine });
    const held: HeldState = sandbox.hold();
    expect(held.hasState).toBe(false);
    ok(sandbox.start(callStart('c', 'ok'), held));
    const first = ok(sandbox.step(held, played(T0)));
    const second = ok(sandbox.step(held, played(T0 + 1)));
    expect(second.state.vars.n).toBe(2);
    expect(() => first.stateText).toThrow(/no longer/);
    sandbox.release(held);
    expect(held.hasState).toBe(false);
    const lost = sandbox.step(held, played(T0 + 2));
    expect(lost.ok ? null : lost.error.kind).toBe('state-lost');
    sandbox.seed(held, { ...second.state, vars: { n: 10 } });
    expect(ok(sandbox.step(held, played(T0 + 3))).state.vars.n).toBe(11);
    sandbox.dispose();
  });

  it('gives every step its own clock, sending the local fields only when they change', async () => {
    const sandbox = await FlowSandbox.create(
      probeFlow(`return { state: { ...state, vars: { now: Date.now(), hour: input.clock.local.hour, open: input.clock.open.office === true } },
        command: { type: 'hangup', loc: { line: 1, column: 1 } } };`),
      { engine },
    );
    const a = sandbox.hold();
    const b = sandbox.hold();
    ok(sandbox.start(callStart('a', 'ok'), a));
    ok(sandbox.start(callStart('b', 'ok'), b));
    const morning = { ...clockAt(T0), open: { office: true } };
    expect(ok(sandbox.step(a, { type: 'played', clock: morning })).state.vars).toEqual({
      now: T0,
      hour: 11,
      open: true,
    });
    const later = { ...morning, epochMs: T0 + 5 };
    expect(ok(sandbox.step(b, { type: 'played', clock: later })).state.vars).toEqual({
      now: T0 + 5,
      hour: 11,
      open: true,
    });
    const evening = { epochMs: T0 + 9, local: { ...morning.local, hour: 19 }, open: { office: false } };
    expect(ok(sandbox.step(a, { type: 'played', clock: evening })).state.vars).toEqual({
      now: T0 + 9,
      hour: 19,
      open: false,
    });
    sandbox.dispose();
  });
});
