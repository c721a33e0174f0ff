/**
 * Script evaluated in every sandbox context before the flow's own script. It returns a factory of
 * the one entry point the host calls for a flow: JSON text in, text out, so no host object ever
 * enters the VM, and one string crosses each way per step (every crossing copies and re-encodes).
 *
 *   in:  `[entry, epochMs, args]`, then for `step`/`fallback` a newline and the state's JSON text
 *        (JSON has no raw newline), which is prepended to the args.
 *   out: `[constant, command, flow, step]`, a newline, and the state's JSON text, so the host keeps
 *        the state as the text it will send back, without parsing it. `flow` is `state.flow`, or
 *        null when it is this flow's id (the common case needs no copy of the id); `step` is
 *        `state.step`. `constant` is -1 for a command made by this step, else the number of a deeply
 *        frozen command, sent in full (`command`) the first time and as null afterwards: the host
 *        keeps it (per context) and checks it once. Or `!` and `[problem, loc]` when the step
 *        returned no well-formed state (the host reports `bad-result`). The command's shape is
 *        checked by the host (step-result-check.ts).
 *
 * `JSON`, `Reflect.apply`, `Array.isArray`, `Object.isFrozen` and `Date` are captured here, before
 * flow code runs, so a `js` block that overwrites globals cannot forge what the host receives.
 * `Date` is replaced by one whose "now" is the call's clock (the step input's `clock.epochMs`): a
 * step stays a pure function of its input.
 *
 * Savings, because JSON dominates a step's cost in QuickJS:
 * - The compiled step's first act is to clone its state (`JSON.parse(JSON.stringify(state))`). The
 *   state object was parsed here from text for this call alone and nobody else holds it, so the
 *   global `JSON` answers that one stringify with the text it came from and the following parse of
 *   that text with the object itself. Any other use of `JSON` goes to the real functions.
 * - A deeply frozen command (the compiler's constant commands, `$.constant`) cannot change: it
 *   crosses once per context, then by number; the host neither parses nor holds a copy per call.
 */
import { FLOWS_GLOBAL } from '../../language/compiled-format.ts';

export const HOST_SHIM_FILE = 'callflow-host.js';

/** First character of a result that is not a step result; the rest is `[problem, loc]`. */
export const BAD_RESULT_MARK = '!';

export const HOST_SHIM = `(function () {
  'use strict';
  const realJSON = JSON;
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const apply = Reflect.apply;
  const isArray = Array.isArray;
  const isFrozen = Object.isFrozen;
  const keys = Object.keys;
  const TextMap = Map;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  let fresh = null;
  let freshText = null;
  let handed = null;
  const FlowJSON = {
    parse(text, reviver) {
      if (handed !== null && reviver === undefined && text === freshText) {
        const state = handed;
        handed = null;
        return state;
      }
      return apply(parse, realJSON, arguments);
    },
    stringify(value, replacer, space) {
      if (fresh !== null && value === fresh && replacer === undefined && space === undefined) {
        handed = fresh;
        fresh = null;
        return freshText;
      }
      return apply(stringify, realJSON, arguments);
    },
  };
  Object.defineProperty(FlowJSON, Symbol.toStringTag, { value: 'JSON' });
  globalThis.JSON = FlowJSON;
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
  Object.defineProperty(RealDate.prototype, 'constructor', { value: FlowDate, writable: true, configurable: true });
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
    if (typeof command === 'object' && command !== null && isFrozen(command)) {
      const known = apply(mapGet, constants, [command]);
      if (known !== undefined) return known + ',null';
      if (deeplyFrozen(command)) {
        const n = nextConstant++;
        apply(mapSet, constants, [command, n]);
        return n + ',' + stringify(command);
      }
    }
    const text = stringify(command);
    return '-1,' + (text === undefined ? 'null' : text);
  }
  /** What is wrong with a result's state, in the words the host used before it moved here. */
  function stateProblem(result) {
    if (!isObject(result)) return 'the step returned no result object';
    const state = result.state;
    if (!isObject(state)) return 'the result has no state';
    if (typeof state.flow !== 'string') return 'state.flow is not a string';
    if (typeof state.pc !== 'string') return 'state.pc is not a string';
    if (typeof state.step !== 'string') return 'state.step is not a string';
    if (!isObject(state.vars)) return 'state.vars is not an object';
    if (!isArray(state.frames)) return 'state.frames is not a list';
    if (!isObject(state.counters)) return 'state.counters is not an object';
    if (!isObject(state.call)) return 'state.call is missing';
    return null;
  }
  function locOf(result) {
    const loc = isObject(result) && isObject(result.command) ? result.command.loc : null;
    return isObject(loc) && typeof loc.line === 'number' && typeof loc.column === 'number'
      ? { line: loc.line, column: loc.column }
      : null;
  }

  const g = globalThis;
  if (!g.${FLOWS_GLOBAL}) g.${FLOWS_GLOBAL} = {};
  const ENTRIES = ['start', 'step', 'fallback'];
  return function entryFor(id) {
    return function callflowEntry(text) {
      const cut = text.indexOf('\\n');
      const call = parse(cut < 0 ? text : text.slice(0, cut));
      now = call[1];
      const fn = ENTRIES[call[0]];
      const args = call[2];
      if (cut >= 0) {
        freshText = text.slice(cut + 1);
        fresh = parse(freshText);
        args.unshift(fresh);
      }
      try {
        const flow = g.${FLOWS_GLOBAL} && g.${FLOWS_GLOBAL}[id];
        if (!flow || typeof flow[fn] !== 'function') throw new TypeError('flow ' + id + ' has no ' + fn + '()');
        const result = apply(flow[fn], flow, args);
        const problem = stateProblem(result);
        if (problem !== null) return '${BAD_RESULT_MARK}' + stringify([problem, locOf(result)]);
        const state = result.state;
        const stateText = stringify(state);
        if (typeof stateText !== 'string') return '${BAD_RESULT_MARK}' + stringify(['the result has no state', locOf(result)]);
        const flowText = state.flow === id ? 'null' : stringify(state.flow);
        return '[' + commandHead(result.command) + ',' + flowText + ',' + stringify(state.step) + ']\\n' + stateText;
      } finally {
        fresh = null;
        freshText = null;
        handed = null;
      }
    };
  };
})()`;
