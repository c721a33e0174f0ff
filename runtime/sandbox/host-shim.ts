/**
 * Script evaluated in every sandbox context before the flow's own script. It returns a factory of
 * the one entry point the host calls for a flow: text in, text out, so no host object ever enters
 * the VM, and one string crosses each way per step (every crossing copies and re-encodes).
 *
 *   in:  `(text, entry, slot, epochMs, undo, extra)`. `text` is the argument's JSON (the step input,
 *        the start's init, the fallback's error; the list of slots to export), then for a state
 *        given as text a newline and the state's JSON text (JSON has no raw newline). The numbers
 *        cross as numbers (no JSON to parse). `extra`, only when there is something to say, is
 *        `[clock, dropped]`: `clock` is `[local, open]` when it differs from the last one this
 *        context was sent, else null. The entry puts `{epochMs, local, open}` into the argument
 *        as `clock`, so the flow sees what the host built.
 *   out: `[constant, command, flow, step]`, then for a state kept as text a newline and the state's
 *        JSON text. `flow` is `state.flow`, or null when it is this flow's id; `step` is
 *        `state.step`. `constant` is -1 for a command made by this step, else the number of a
 *        deeply frozen command, sent in full (`command`) the first time and as null afterwards: the
 *        host keeps it (per context) and checks it once. Or `!` and `[problem, loc]` when the step
 *        returned no well-formed state (the host reports `bad-result`). The command's shape is
 *        checked by the host (step-result-check.ts).
 *
 * Where a call's state lives between steps (`slot`):
 * - -1: on the host, as text. It comes in after the head and goes out after it (tests, tools).
 * - a slot number: here, in the context (held-state-shim.ts): the state object itself for a flow
 *   with `own` (every compiled flow), its JSON text for any other. The state text still comes in
 *   after the head when the host has it (a context rebuilt, a fallback from a fresh state), and is
 *   stored. The host looks at every result before acting on it; the next call confirms the change
 *   it made to a slot, or undoes it (`undo` = 1: the command was malformed, the host gave up on
 *   it). `dropped` lists the slots of calls that ended (0 for none). Entry 3 exports states as
 *   text, one a line.
 *
 * A flow with `own` (language/compile/prelude.ts) is entered through it: its arguments are made
 * here for this call alone (parsed from the head, or copied from the slot), so it clones nothing.
 *
 * `JSON`, `Reflect.apply`, `Array.isArray`, `Object.isFrozen` and `Date` are captured here, before
 * flow code runs, so a `js` block that overwrites globals cannot forge what the host receives.
 * `Date` is replaced by one whose "now" is the call's clock (the step input's `clock.epochMs`): a
 * step stays a pure function of its input.
 *
 * Savings, because JSON dominates a step's cost in QuickJS:
 * - A deeply frozen command (the compiler's constant commands, `$.constant`) cannot change: it
 *   crosses once per context, then by number; the host neither parses nor holds a copy per call.
 * - The clock's local fields and calendars change once a minute: they cross when they change.
 */
import { FLOWS_GLOBAL } from '../../language/compiled-format.ts';
import { HELD_STATE_SHIM } from './held-state-shim.ts';

export const HOST_SHIM_FILE = 'callflow-host.js';

/** First character of a result that is not a step result; the rest is `[problem, loc]`. */
export const BAD_RESULT_MARK = '!';

/** Entry numbers of the head's first field. */
export const SHIM_ENTRY = { start: 0, step: 1, fallback: 2, export: 3 } as const;

/** The problem a step reports when its held slot is empty (the host never lets that happen). */
export const NO_HELD_STATE = 'the call has no state in this context';

export const HOST_SHIM = `(function () {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const apply = Reflect.apply;
  const isArray = Array.isArray;
  const isFrozen = Object.isFrozen;
  const freeze = Object.freeze;
  const keys = Object.keys;
  const defineProperty = Object.defineProperty;
  // Methods called on our own objects, bound now: a flow that patches a prototype cannot reach in.
  const bindCall = Function.prototype.bind.bind(Function.prototype.call);
  const indexOf = bindCall(String.prototype.indexOf);
  const slice = bindCall(String.prototype.slice);
  const TextMap = Map;
  const mapGet = bindCall(Map.prototype.get);
  const mapSet = bindCall(Map.prototype.set);
  const mapDelete = bindCall(Map.prototype.delete);
  const RealDate = Date;
  let now = 0;
  function FlowDate(...args) {
    if (!new.target) return new RealDate(now).toString();
    return args.length === 0 ? new RealDate(now) : new RealDate(...args);
  }
  FlowDate.prototype = RealDate.prototype;
  FlowDate.now = function () { return now; };
  FlowDate.UTC = RealDate.UTC;
  FlowDate.parse = RealDate.parse;
  defineProperty(RealDate.prototype, 'constructor', { value: FlowDate, writable: true, configurable: true });
  globalThis.Date = FlowDate;

  function isObject(v) {
    return typeof v === 'object' && v !== null && !isArray(v);
  }
  function deeplyFrozen(v) {
    if (typeof v !== 'object' || v === null) return true;
    if (!isFrozen(v)) return false;
    const names = keys(v);
    for (let i = 0; i < names.length; i++) if (!deeplyFrozen(v[names[i]])) return false;
    return true;
  }
  // Deeply frozen commands (the compiled constants, a handful per flow), numbered in the order
  // they first leave the VM: the text goes out once, then only the number.
  const constants = new TextMap();
  let nextConstant = 0;
  function commandHead(command) {
    // The map first: Object.isFrozen walks every property in QuickJS, a lookup does not.
    const known = mapGet(constants, command);
    if (known !== undefined) return known + ',null';
    if (typeof command === 'object' && command !== null && isFrozen(command)) {
      if (deeplyFrozen(command)) {
        const n = nextConstant++;
        mapSet(constants, command, n);
        return n + ',' + stringify(command);
      }
    }
    const text = stringify(command);
    return '-1,' + (text === undefined ? 'null' : text);
  }
  // state.step as JSON text: a flow has a handful of step names, and every step writes one.
  const stepTexts = new TextMap();
  let stepTextCount = 0;
  function stepText(step) {
    let text = mapGet(stepTexts, step);
    if (text === undefined) {
      text = stringify(step);
      if (stepTextCount < 1024) {
        stepTextCount++;
        mapSet(stepTexts, step, text);
      }
    }
    return text;
  }
  /** What is wrong with a result's state, in the words the host used before it moved here. */
  function stateProblem(result) {
    // Checked inline (a step's hottest lines): isObject() is typeof object, not null, not a list.
    if (typeof result !== 'object' || result === null || isArray(result)) return 'the step returned no result object';
    const state = result.state;
    if (typeof state !== 'object' || state === null || isArray(state)) return 'the result has no state';
    if (typeof state.flow !== 'string') return 'state.flow is not a string';
    if (typeof state.pc !== 'string') return 'state.pc is not a string';
    if (typeof state.step !== 'string') return 'state.step is not a string';
    const vars = state.vars;
    if (typeof vars !== 'object' || vars === null || isArray(vars)) return 'state.vars is not an object';
    if (!isArray(state.frames)) return 'state.frames is not a list';
    const counters = state.counters;
    if (typeof counters !== 'object' || counters === null || isArray(counters)) return 'state.counters is not an object';
    const call = state.call;
    if (typeof call !== 'object' || call === null || isArray(call)) return 'state.call is missing';
    return null;
  }
  function locOf(result) {
    const loc = isObject(result) && isObject(result.command) ? result.command.loc : null;
    return isObject(loc) && typeof loc.line === 'number' && typeof loc.column === 'number'
      ? { line: loc.line, column: loc.column }
      : null;
  }
${HELD_STATE_SHIM}
  // The clock's local fields and calendars, as last sent (frozen: every call of the minute reads them).
  let clockLocal = null;
  let clockOpen = null;
  // The clock a step sees, frozen and shared by every step at the same instant (virtual time, or
  // a burst of calls within a millisecond).
  let stepClock = null;

  const g = globalThis;
  if (!g.${FLOWS_GLOBAL}) g.${FLOWS_GLOBAL} = {};
  const ENTRIES = ['start', 'step', 'fallback'];
  return function entryFor(id) {
    return function callflowEntry(text, entry, slot, epochMs, undo, extra) {
      now = epochMs;
      settleLast(undo === 1);
      if (extra !== undefined) {
        const more = parse(extra);
        if (more[0] !== null) {
          clockLocal = freeze(more[0][0]);
          clockOpen = freeze(more[0][1]);
        }
        if (more[1] !== 0) drop(more[1]);
      }
      if (entry === 3) return exportStates(parse(text));
      const cut = indexOf(text, '\\n');
      const input = parse(cut < 0 ? text : slice(text, 0, cut));
      if (stepClock === null || stepClock.epochMs !== now || stepClock.local !== clockLocal || stepClock.open !== clockOpen) {
        stepClock = freeze({ epochMs: now, local: clockLocal, open: clockOpen });
      }
      input.clock = stepClock;
      const flow = g.${FLOWS_GLOBAL} && g.${FLOWS_GLOBAL}[id];
      const fn = ENTRIES[entry];
      if (!flow || typeof flow[fn] !== 'function') throw new TypeError('flow ' + id + ' has no ' + fn + '()');
      const own = ownWay(flow);
      let result;
      if (entry === 0) result = own !== null ? apply(own.start, own, [input]) : apply(flow.start, flow, [input]);
      else {
        let state;
        if (cut >= 0) state = parse(slice(text, cut + 1));
        else {
          const value = slot < 0 ? undefined : mapGet(slots, slot);
          if (value === undefined) return '${BAD_RESULT_MARK}' + stringify(['${NO_HELD_STATE}', null]);
          // The fallback clones what it is given; a step changes it.
          state = entry === 2 && typeof value !== 'string' ? value : load(value, own);
        }
        if (entry === 2) result = apply(flow.fallback, flow, [state, input]);
        else result = own !== null ? apply(own.step, own, [state, input]) : apply(flow.step, flow, [state, input]);
      }
      const problem = stateProblem(result);
      if (problem !== null) return '${BAD_RESULT_MARK}' + stringify([problem, locOf(result)]);
      const state = result.state;
      if (slot < 0) {
        const stateText = stringify(state);
        if (typeof stateText !== 'string') return '${BAD_RESULT_MARK}' + stringify(['the result has no state', locOf(result)]);
        const flowText = state.flow === id ? 'null' : stringify(state.flow);
        return '[' + commandHead(result.command) + ',' + flowText + ',' + stepText(state.step) + ']\\n' + stateText;
      }
      // Another flow's state is not kept: the host refuses it, and the slot keeps the last one.
      if (state.flow !== id) return '[' + commandHead(result.command) + ',' + stringify(state.flow) + ',' + stepText(state.step) + ']';
      const kept = keepable(state, own);
      const out = '[' + commandHead(result.command) + ',null,' + stepText(state.step) + ']';
      hold(slot, kept);
      return out;
    };
  };
})()`;
