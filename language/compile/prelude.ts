/**
 * The small runtime library embedded in every compiled script: `$prelude(config)` returns the `$`
 * object the generated blocks call (`$.speak`, `$.get`, `$.menu`, ...) and `$.flow(meta, blocks)`,
 * the dispatcher behind `start`, `step` and `fallback` (language/compiled-format.ts).
 *
 * Dispatch: a step runs blocks from `state.pc` until one returns a command; a block that jumps sets
 * `pc` and returns null. A guard bounds the transitions per step, so a loop without a wait (which
 * the checker rejects) fails the step instead of hanging the sandbox.
 *
 * The state is plain JSON the host owns: `step` works on a JSON clone and never touches its
 * argument, and a secret collection stores only the host's reference (`{$secret}`). `own` is the
 * host shim's cheaper way in: its arguments are handed over, and `own.copy` copies only the parts
 * of a state that steps change.
 */
import { PRELUDE_VALUES } from './prelude-values.ts';

export interface PreludeConfig {
  language: 'ru' | 'uk' | 'en';
  /** Currency `money(amount)` speaks when the flow names none. */
  currency: string;
}

/** Transitions between blocks one step may take before it is declared a spin. */
export const MAX_TRANSITIONS = 10_000;
/** Nested subflow calls allowed. */
export const MAX_FRAMES = 64;

const PRELUDE_CONTROL = `
  function go(s, pc) {
    s.pc = pc;
    return null;
  }
  /** A command the compiler built ahead (constant-speech.ts): frozen, then shared by every step. */
  function constant(command) {
    return deepFreeze(command);
  }
  function unexpected(input, what) {
    return FlowError('unexpected-input', what + ' cannot take a "' + (input && input.type) + '" answer');
  }
  function counter(s, key) {
    return typeof s.counters[key] === 'number' ? s.counters[key] : 0;
  }
  function repeat(s, key, retries, promptPc, after) {
    var n = counter(s, key) + 1;
    if (n > retries) {
      delete s.counters[key];
      return go(s, after);
    }
    s.counters[key] = n;
    return go(s, promptPc);
  }
  function retry(s, key, times, to, otherwise) {
    var n = counter(s, key) + 1;
    if (n > times) return go(s, otherwise);
    s.counters[key] = n;
    return go(s, to);
  }
  function menu(s, input, key, choices, timeout, invalid) {
    switch (input.type) {
      case 'digits': {
        var d = String(input.digits);
        if (!hasOwn.call(choices, d)) return go(s, invalid);
        delete s.counters[key];
        return go(s, choices[d]);
      }
      case 'timeout': return go(s, timeout);
      case 'invalid': return go(s, invalid);
    }
    throw unexpected(input, 'a menu');
  }
  function ask(s, input, key, target, secret, min, max, next, timeout, invalid) {
    switch (input.type) {
      case 'digits':
        if (secret) {
          // Only the host's reference is kept; the digits never enter the state.
          if (!isSecret(input.secret)) throw FlowError('secret-missing', 'a secret collection came back without a reference');
          setVar(s.vars, target, { $secret: input.secret.$secret });
        } else {
          var d = input.digits === null || input.digits === undefined ? '' : String(input.digits);
          if (d.length < min || d.length > max) return go(s, invalid);
          setVar(s.vars, target, d);
        }
        delete s.counters[key];
        return go(s, next);
      case 'timeout': return go(s, timeout);
      case 'invalid': return go(s, invalid);
    }
    throw unexpected(input, 'a digit collection');
  }
  function data(s, input, target, ok, error) {
    if (input.type !== 'data') throw unexpected(input, 'a data operation');
    if (input.ok !== true) return go(s, error);
    if (target !== null) setVar(s.vars, target, input.value === undefined ? null : input.value);
    return go(s, ok);
  }
  function queue(s, input, overflow) {
    // An outcome means the caller is still ours; any other answer means an operator took the call.
    return go(s, input.type === 'queue' ? overflow : '$end');
  }
  var YES = ['yes', 'да', 'так', '1', 'true'];
  var NO = ['no', 'нет', 'ні', '2', 'false'];
  function answerValue(type, v) {
    if (v === undefined || v === null) return null;
    if (type === 'yesno') {
      if (v === true || YES.indexOf(String(v).toLowerCase()) >= 0) return true;
      if (v === false || NO.indexOf(String(v).toLowerCase()) >= 0) return false;
      return null;
    }
    if (type === 'number') {
      var n = typeof v === 'number' ? v : fn.toNumber(String(v));
      return n === null || !isFinite(n) ? null : n;
    }
    return typeof v === 'string' ? v : String(v);
  }
  function answer(s, input, name, type, branches, next) {
    if (input.type !== 'answer') throw unexpected(input, 'a question');
    var v = answerValue(type, input.value);
    setVar(s.vars, name, v);
    var key = type === 'yesno' ? (v === true ? 'yes' : v === false ? 'no' : null) : v === null ? null : String(v);
    return go(s, key !== null && hasOwn.call(branches, key) ? branches[key] : next);
  }
  function call(s, entry, params, args, target, returnTo) {
    if (s.frames.length >= MAX_FRAMES) throw FlowError('too-deep', 'subflows nested deeper than ' + MAX_FRAMES + ' calls');
    var vars = {};
    for (var i = 0; i < params.length; i++) setVar(vars, params[i], i < args.length ? args[i] : null);
    s.frames.push({ returnPc: returnTo, vars: s.vars, step: s.step, target: target });
    s.vars = vars;
    return go(s, entry);
  }
  function ret(s, v) {
    var frame = s.frames.pop();
    if (!frame) return go(s, '$end');
    s.vars = frame.vars;
    s.step = frame.step;
    if (frame.target !== null) setVar(s.vars, frame.target, v);
    return go(s, frame.returnPc);
  }
  function unwind(s) {
    if (s.frames.length === 0) return;
    s.vars = s.frames[0].vars;
    s.step = s.frames[0].step;
    s.frames = [];
  }
  /** Copies of the named variables (secrets left out) for a js block or expression. */
  function jsArgs(s, names) {
    var args = [];
    for (var i = 0; i < names.length; i++) {
      var v = getVar(s.vars, names[i]);
      args.push(!hasOwn.call(s.vars, names[i]) || isSecret(v) ? undefined : clone(v));
    }
    return args;
  }
  function jsBlock(s, names, body) {
    var args = jsArgs(s, names);
    var out = body.apply(undefined, args);
    for (var i = 0; i < names.length; i++) {
      if (out[i] === undefined || isSecret(getVar(s.vars, names[i]))) continue;
      setVar(s.vars, names[i], clone(out[i]));
    }
  }
  function jsExpr(s, names, body) {
    return clone(body.apply(undefined, jsArgs(s, names)));
  }
  function error(code, message, loc) {
    return FlowError(code, message, loc);
  }
  function raise(code, message) {
    throw FlowError(code, message);
  }

  function freshState(meta, from) {
    var call = from && typeof from === 'object' && from.call && typeof from.call === 'object' ? from.call : {};
    return { flow: meta.id, pc: 'main', step: 'main', vars: {}, frames: [], counters: {}, call: call };
  }
  function flow(meta, blocks) {
    function run(s, input) {
      for (var n = 0; n < MAX_TRANSITIONS; n++) {
        var block = hasOwn.call(blocks, s.pc) ? blocks[s.pc] : null;
        if (!block) throw FlowError('bad-state', 'flow ' + meta.id + ' has no block "' + s.pc + '"');
        var command = block(s, input);
        if (command) return { state: s, command: command };
      }
      throw FlowError('spin', 'the flow ran ' + MAX_TRANSITIONS + ' blocks without waiting for the caller');
    }
    function begin(init, call) {
      if (!init || typeof init !== 'object') throw FlowError('bad-input', 'start needs {call, clock}');
      var s = freshState(meta, null);
      s.call = call;
      return run(s, { type: 'start', clock: init.clock || null });
    }
    function checkInput(input) {
      if (!input || typeof input !== 'object' || typeof input.type !== 'string') throw FlowError('bad-input', 'step needs an input with a type');
    }
    function resume(s, input) {
      if (!s || typeof s !== 'object' || s.flow !== meta.id) {
        throw FlowError('bad-state', 'the state belongs to flow ' + (s && s.flow) + ', not ' + meta.id);
      }
      return run(s, input);
    }
    function start(init) {
      return begin(init, clone(init && init.call !== undefined ? init.call : {}));
    }
    function step(state, input) {
      checkInput(input);
      // Cloned whole, so the state that comes out shares nothing with the caller's objects.
      return resume(clone(state), clone(input));
    }
    /** Runs the fallback clause; if that fails too, the default apology. Never throws for a bad state. */
    function fallback(state, err) {
      var input = { type: 'ok', clock: err && typeof err === 'object' && err.clock ? err.clock : null };
      var s;
      try { s = clone(state); } catch (e) { s = null; }
      if (!s || typeof s !== 'object' || !s.vars || typeof s.vars !== 'object' || Array.isArray(s.vars)) s = freshState(meta, s);
      s.flow = meta.id;
      if (!Array.isArray(s.frames)) s.frames = [];
      if (!s.counters || typeof s.counters !== 'object') s.counters = {};
      if (typeof s.step !== 'string') s.step = 'main';
      s.pc = '$fallback';
      try {
        return run(s, input);
      } catch (e) {
        s.frames = [];
        s.pc = '$default';
        return run(s, input);
      }
    }
    Object.freeze(blocks);
    // The host shim's way in (host-shim.ts): arguments handed over, so nothing is cloned.
    // own.start(init) keeps init.call; own.step(state, input) steps on the state itself, which
    // is parsed JSON or own.copy() of a state this flow returned.
    var own = Object.freeze({
      start: function (init) { return begin(init, init && init.call !== undefined ? init.call : {}); },
      step: function (state, input) { checkInput(input); return resume(state, input); },
      copy: copyState
    });
    return Object.freeze({ meta: deepFreeze(meta), start: start, step: step, fallback: fallback, own: own });
  }
  function deepFreeze(o) {
    if (o && typeof o === 'object') {
      Object.keys(o).forEach(function (k) { deepFreeze(o[k]); });
      Object.freeze(o);
    }
    return o;
  }
  /**
   * A copy of a state this flow returned, for a step to change: steps change the state, its vars,
   * counters and frames (and each frame and its vars) in place, and nothing else. Values are never
   * changed in place (the language has no field assignment; every function here makes new values;
   * a js block gets and gives JSON clones), so they are shared, not copied: a step that hands out
   * a copy leaves the original as it was, for a host that refuses the step's result.
   */
  function copyState(s) {
    var frames = [];
    for (var i = 0; i < s.frames.length; i++) {
      var f = { ...s.frames[i] };
      f.vars = { ...f.vars };
      frames.push(f);
    }
    // Spread defines the copy's keys (a var named __proto__ stays an own key) and is native code.
    return { flow: s.flow, pc: s.pc, step: s.step, vars: { ...s.vars }, frames: frames, counters: { ...s.counters }, call: s.call };
  }
`;

/** Source of the `$prelude` function, one statement per line. */
export const PRELUDE_SOURCE = `function $prelude(config) {
  'use strict';
  var hasOwn = Object.prototype.hasOwnProperty;
  var MAX_TRANSITIONS = ${MAX_TRANSITIONS};
  var MAX_FRAMES = ${MAX_FRAMES};
  function FlowError(code, message, loc) {
    var e = new Error(message);
    e.name = 'FlowError';
    e.code = code;
    e.loc = loc || null;
    return e;
  }
  // JSON as it was when the flow was loaded: a js block that replaces the global cannot reach in.
  var parseJSON = JSON.parse;
  var stringifyJSON = JSON.stringify;
  function clone(v) {
    var t = stringifyJSON(v);
    return t === undefined ? null : parseJSON(t);
  }
${PRELUDE_VALUES.replace(/^\n/, '')}${PRELUDE_CONTROL.replace(/^\n/, '')}
  return Object.freeze({
    EWT: { $part: { kind: 'ewt' } }, POSITION: { $part: { kind: 'position' } },
    fn: Object.freeze(fn), v: function (s, name) { return getVar(s.vars, name); },
    set: function (s, name, v) { setVar(s.vars, name, v); },
    get: get, add: add, sub: sub, mul: mul, div: div, mod: mod, neg: neg, lt: lt, le: le, gt: gt, ge: ge, eq: eq, isIn: isIn,
    value: value, within: within, speak: speak, str: str, seq: seq, prompt: prompt, destination: destination,
    fields: fields, priority: priority, constant: constant, repeat: repeat, retry: retry, menu: menu, ask: ask, data: data,
    queue: queue, answer: answer, call: call, ret: ret, unwind: unwind, jsBlock: jsBlock, jsExpr: jsExpr,
    error: error, raise: raise, flow: flow
  });
}`;
