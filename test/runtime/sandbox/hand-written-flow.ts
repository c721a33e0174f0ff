/**
 * A flow script written by hand to the compiled-format contract (what the compiler emits), so the
 * sandbox is tested on its own. Each generated line N maps to flow line N + 100 in the source map,
 * which makes the mapping visible in assertions.
 */
import { join } from 'node:path';
import { buildSourceMap, type Mapping } from '../../../language/compile/source-map.ts';
import type { CallInfo, CompiledFlow, FlowMeta, StartInput } from '../../../language/compiled-format.ts';
import { QuickJsEngine } from '../../../runtime/sandbox/quickjs-engine.ts';
import { loadFlow } from '../../../runtime/simulation/load-flow.ts';

export const FLOW_LINE_OFFSET = 100;

const lines = [
  `(function () {`,
  `  const loc = { line: 1, column: 1 };`,
  `  function next(state, pc, command) { return { state: { ...state, pc }, command: { ...command, loc } }; }`,
  `  function misbehave(mode) {`,
  `    if (mode === 'loop') { while (true) {} }`,
  `    if (mode === 'alloc') { const junk = []; while (true) junk.push(new Array(100000).fill(junk.length)); }`,
  `    if (mode === 'deep') { const down = (n) => down(n + 1) + 1; return down(0); }`,
  `    if (mode === 'throw') { throw new Error('no balance for ' + mode); }`,
  `    if (mode === 'leak') { (globalThis.leak ||= []).push(new Array(50000).fill(1)); }`,
  `    if (mode === 'garbage') { return 'not a step result'; }`,
  `  }`,
  `  globalThis.__flows['hand-1'] = {`,
  `    start(init) {`,
  `      const state = { flow: 'hand-1', pc: 'greet', step: 'main', vars: { mode: init.call.caller.name, n: 0 },`,
  `        frames: [], counters: {}, call: init.call };`,
  `      return next(state, 'greet', { type: 'say', parts: [{ kind: 'text', text: 'Hello ' + init.call.caller.number }], bargeIn: true });`,
  `    },`,
  `    step(state, input) {`,
  `      const bad = misbehave(state.vars.mode);`,
  `      if (bad !== undefined) return bad;`,
  `      const vars = { ...state.vars, n: state.vars.n + 1, at: Date.now(), lastInput: input.type };`,
  `      if (state.pc === 'greet' || state.pc === 'ask')`,
  `        return next({ ...state, vars }, 'got', { type: 'collect', prompt: [], min: 1, max: 4, terminator: '#',`,
  `          firstTimeoutMs: 5000, interDigitTimeoutMs: 3000, pattern: null, secret: false, validKeys: null });`,
  `      return next({ ...state, vars }, 'end', { type: 'hangup' });`,
  `    },`,
  `    fallback(state, err) {`,
  `      return next({ ...state, vars: { ...state.vars, failure: err } }, 'end',`,
  `        { type: 'say', parts: [{ kind: 'text', text: 'Sorry' }], bargeIn: false });`,
  `    },`,
  `  };`,
  `})();`,
];

export const FAILING_LINE: Record<string, number> = { loop: 5, alloc: 6, deep: 7, throw: 8 };

export function handWrittenFlow(): CompiledFlow {
  const code = lines.join('\n');
  const mappings: Mapping[] = lines.map((_text, index) => ({
    generatedLine: index,
    generatedColumn: 0,
    sourceLine: index + FLOW_LINE_OFFSET,
    sourceColumn: 0,
  }));
  const meta: FlowMeta = {
    id: 'hand-1',
    name: 'Hand written',
    flavor: 'flow',
    answers: ['100'],
    language: 'en',
    timezone: null,
    steps: ['main'],
    calendars: [],
    secrets: [],
    group: null,
    hasFallback: true,
  };
  return { meta, code, sourceMap: buildSourceMap(mappings, { file: 'hand.js', source: 'hand.flow' }) };
}

/** A call whose caller name selects how its steps misbehave ('ok', 'loop', 'alloc', ...). */
export function callStart(id: string, mode: string, epochMs = Date.UTC(2026, 0, 5, 9)): StartInput {
  const call: CallInfo = { id, caller: { number: '+380501234567', name: mode }, dialled: '100', tenant: 't' };
  return { call, clock: clockAt(epochMs) };
}

export function clockAt(epochMs: number) {
  return {
    epochMs,
    local: { year: 2026, month: 1, day: 5, hour: 11, minute: 0, weekday: 1, iso: '2026-01-05T11:00' },
    open: {},
  };
}

/**
 * What the sandbox suites share: an engine of their own (a small cap, never renewed behind their
 * back) and the reference flow compiled.
 */
export async function sandboxSuite(): Promise<{ engine: QuickJsEngine; support: CompiledFlow }> {
  const engine = await QuickJsEngine.load({
    capBytes: 96 * 1024 * 1024,
    renewAboveBytes: 1024 * 1024 * 1024,
  });
  const loaded = await loadFlow(join(import.meta.dirname, '../../../examples/abc-internet/support.flow'));
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  return { engine, support: loaded.compiled };
}
