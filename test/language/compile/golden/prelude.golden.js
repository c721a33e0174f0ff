function $prelude(config) {
  'use strict';
  var hasOwn = Object.prototype.hasOwnProperty;
  var MAX_TRANSITIONS = 10000;
  var MAX_FRAMES = 64;
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
  var YES_NO = { ru: ['да', 'нет'], uk: ['так', 'ні'], en: ['yes', 'no'] };

  function isSecret(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.$secret === 'string';
  }
  function isPart(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v) && v.$part !== null && typeof v.$part === 'object';
  }
  function isSeq(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v) && Array.isArray(v.$seq);
  }
  function describe(v) {
    if (v === null || v === undefined) return 'none';
    if (Array.isArray(v)) return 'a list';
    if (isSecret(v)) return 'a secret';
    if (isPart(v) || isSeq(v)) return 'spoken text';
    if (typeof v === 'object') return 'a record';
    if (typeof v === 'string') return 'text';
    return 'a ' + typeof v;
  }
  function getVar(vars, name) {
    return hasOwn.call(vars, name) && vars[name] !== undefined ? vars[name] : null;
  }
  function setVar(vars, name, value) {
    var v = value === undefined ? null : value;
    // An own key, or one nothing inherits, is assigned; any other (__proto__, toString, a setter a
    // js block put on Object.prototype) is defined, so it stays an ordinary key of the record.
    if (hasOwn.call(vars, name) || !(name in vars)) vars[name] = v;
    else Object.defineProperty(vars, name, { value: v, writable: true, enumerable: true, configurable: true });
  }
  function clockOf(input) {
    if (!input || !input.clock || typeof input.clock !== 'object') throw FlowError('no-clock', 'the host sent no clock with this input');
    return input.clock;
  }
  function pad(n, width) {
    var t = String(n);
    while (t.length < width) t = '0' + t;
    return t;
  }

  function get(o, p) {
    if (o === null || o === undefined) throw FlowError('none-field', 'cannot read "' + p + '" of none');
    if (typeof o !== 'object' || Array.isArray(o) || isSecret(o) || isPart(o) || isSeq(o)) {
      throw FlowError('no-field', describe(o) + ' has no field "' + p + '"');
    }
    return hasOwn.call(o, p) && o[p] !== undefined ? o[p] : null;
  }
  function num(v, what) {
    if (typeof v !== 'number' || v !== v) throw FlowError('not-number', what + ' needs a number, got ' + describe(v));
    return v;
  }
  function text(v, what) {
    if (typeof v !== 'string') throw FlowError('not-text', what + ' needs text, got ' + describe(v));
    return v;
  }
  function finite(n, what) {
    if (!isFinite(n)) throw FlowError('not-finite', what + ' gave a number out of range');
    return n;
  }
  function add(a, b) {
    if (typeof a === 'number' && typeof b === 'number') return finite(a + b, '+');
    var simple = function (v) { return typeof v === 'string' || typeof v === 'number'; };
    if (simple(a) && simple(b)) return String(a) + String(b);
    throw FlowError('not-number', 'cannot add ' + describe(a) + ' and ' + describe(b));
  }
  function sub(a, b) { return finite(num(a, '-') - num(b, '-'), '-'); }
  function mul(a, b) { return finite(num(a, '*') * num(b, '*'), '*'); }
  function div(a, b) {
    if (num(b, '/') === 0) throw FlowError('division-by-zero', 'division by zero');
    return finite(num(a, '/') / b, '/');
  }
  function mod(a, b) {
    if (num(b, '%') === 0) throw FlowError('division-by-zero', 'remainder of a division by zero');
    return num(a, '%') % b;
  }
  function neg(a) { return -num(a, '-'); }
  function comparable(a, b, op) {
    if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) return;
    throw FlowError('not-comparable', 'cannot compare ' + describe(a) + ' ' + op + ' ' + describe(b));
  }
  function lt(a, b) { comparable(a, b, '<'); return a < b; }
  function le(a, b) { comparable(a, b, '<='); return a <= b; }
  function gt(a, b) { comparable(a, b, '>'); return a > b; }
  function ge(a, b) { comparable(a, b, '>='); return a >= b; }
  function eq(a, b) {
    if (a === b) return true;
    if (a === null || a === undefined || b === null || b === undefined) return (a === null || a === undefined) && (b === null || b === undefined);
    if (typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
    var ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (var i = 0; i < ka.length; i++) {
      if (!hasOwn.call(b, ka[i]) || !eq(a[ka[i]], b[ka[i]])) return false;
    }
    return true;
  }
  function isIn(a, b) {
    if (Array.isArray(b)) {
      for (var i = 0; i < b.length; i++) if (eq(a, b[i])) return true;
      return false;
    }
    if (typeof b === 'string') return b.indexOf(text(a, 'in')) >= 0;
    if (b !== null && typeof b === 'object' && !isSecret(b)) return typeof a === 'string' && hasOwn.call(b, a);
    throw FlowError('not-container', 'cannot look for a value in ' + describe(b));
  }

  function value(s, input, name) {
    switch (name) {
      case 'caller': return s.call && s.call.caller ? s.call.caller : null;
      case 'dialled': return s.call && typeof s.call.dialled === 'string' ? s.call.dialled : null;
      case 'call': return s.call || null;
      case 'now': {
        var l = clockOf(input).local;
        return { year: l.year, month: l.month, day: l.day, hour: l.hour, minute: l.minute, weekday: l.weekday,
          date: pad(l.year, 4) + '-' + pad(l.month, 2) + '-' + pad(l.day, 2), iso: l.iso };
      }
      case 'today': {
        var t = clockOf(input).local;
        return pad(t.year, 4) + '-' + pad(t.month, 2) + '-' + pad(t.day, 2);
      }
    }
    throw FlowError('unknown-value', '"' + name + '" is only known inside a queue announcement');
  }
  function within(input, calendar) {
    var open = clockOf(input).open;
    return !!open && open[calendar] === true;
  }

  var fn = {
    length: function (v) {
      if (typeof v === 'string' || Array.isArray(v)) return v.length;
      throw FlowError('not-text', 'length needs text or a list, got ' + describe(v));
    },
    upper: function (t) { return text(t, 'upper').toUpperCase(); },
    lower: function (t) { return text(t, 'lower').toLowerCase(); },
    trim: function (t) { return text(t, 'trim').trim(); },
    contains: function (t, p) { return text(t, 'contains').indexOf(text(p, 'contains')) >= 0; },
    startsWith: function (t, p) { return text(t, 'startsWith').indexOf(text(p, 'startsWith')) === 0; },
    endsWith: function (t, p) {
      text(t, 'endsWith'); text(p, 'endsWith');
      return t.length >= p.length && t.slice(t.length - p.length) === p;
    },
    substring: function (t, start, length) {
      text(t, 'substring'); num(start, 'substring');
      return length === undefined || length === null ? t.slice(start) : t.slice(start, start + num(length, 'substring'));
    },
    replace: function (t, search, by) {
      text(t, 'replace'); text(search, 'replace'); text(by, 'replace');
      return search === '' ? t : t.split(search).join(by);
    },
    round: function (n, digits) {
      num(n, 'round');
      if (digits === undefined || digits === null) return Math.round(n);
      var f = Math.pow(10, num(digits, 'round'));
      return finite(Math.round(n * f) / f, 'round');
    },
    floor: function (n) { return Math.floor(num(n, 'floor')); },
    ceil: function (n) { return Math.ceil(num(n, 'ceil')); },
    abs: function (n) { return Math.abs(num(n, 'abs')); },
    min: function (a, b) { return Math.min(num(a, 'min'), num(b, 'min')); },
    max: function (a, b) { return Math.max(num(a, 'max'), num(b, 'max')); },
    toNumber: function (v) {
      if (typeof v === 'number') return v;
      // Finite or none: a 400-digit number is out of range, as arithmetic's results are.
      if (typeof v === 'string' && /^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*$/.test(v)) return isFinite(Number(v)) ? Number(v) : null;
      return null;
    },
    toText: function (v) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
      throw FlowError('not-text', 'toText needs a number, text or yes/no, got ' + describe(v));
    },
    money: function (amount, currency) {
      var c = currency === undefined || currency === null ? config.currency : text(currency, 'money');
      return { $part: { kind: 'money', amount: finite(num(amount, 'money'), 'money'), currency: c } };
    },
    number: function (n) { return { $part: { kind: 'number', value: finite(num(n, 'number'), 'number') } }; },
    digits: function (v) {
      if (typeof v === 'number') return { $part: { kind: 'digits', value: String(v) } };
      return { $part: { kind: 'digits', value: text(v, 'digits') } };
    },
    date: function (v) { return { $part: { kind: 'date', value: text(v, 'date') } }; },
    time: function (v) { return { $part: { kind: 'time', value: text(v, 'time') } }; }
  };

  function pushText(out, t) {
    if (t === '') return;
    var last = out[out.length - 1];
    if (last && last.kind === 'text') last.text += t;
    else out.push({ kind: 'text', text: t });
  }
  function speakInto(out, v, inList) {
    if (v === null || v === undefined) return;
    if (typeof v === 'string') return pushText(out, v);
    if (typeof v === 'number') {
      if (!isFinite(v)) throw FlowError('not-finite', 'cannot speak a number out of range');
      return void out.push({ kind: 'number', value: v });
    }
    if (typeof v === 'boolean') return pushText(out, (YES_NO[config.language] || YES_NO.en)[v ? 0 : 1]);
    if (isSecret(v)) throw FlowError('secret-spoken', 'a secret value cannot be spoken');
    if (isPart(v)) {
      // Shared, not copied: values never change, and the command leaves as JSON text.
      var part = v.$part;
      return part.kind === 'text' ? pushText(out, String(part.text)) : void out.push(part);
    }
    if (isSeq(v)) {
      for (var i = 0; i < v.$seq.length; i++) speakInto(out, v.$seq[i], false);
      return;
    }
    if (Array.isArray(v)) {
      // A list value is spoken item by item: "1, 2, 3".
      for (var j = 0; j < v.length; j++) {
        if (j > 0) pushText(out, ', ');
        speakInto(out, v[j], true);
      }
      return;
    }
    throw FlowError('not-speakable', 'cannot speak ' + describe(v));
  }
  /** The spoken pieces of a say/prompt/announce/question text, in order. */
  function speak(pieces) {
    var out = [];
    for (var i = 0; i < pieces.length; i++) speakInto(out, pieces[i], false);
    return out;
  }
  function textOf(v) {
    if (v === null || v === undefined) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    if (isSecret(v)) throw FlowError('secret-text', 'a secret value cannot be turned into text');
    if (isPart(v)) {
      var p = v.$part;
      if (p.kind === 'money') return p.amount + ' ' + p.currency;
      return p.kind === 'text' ? p.text : p.value !== undefined ? String(p.value) : '';
    }
    if (isSeq(v)) return str(v.$seq);
    if (Array.isArray(v)) return v.map(textOf).join(', ');
    return JSON.stringify(v);
  }
  /** A template outside spoken text: plain string concatenation. */
  function str(pieces) {
    var out = '';
    for (var i = 0; i < pieces.length; i++) out += textOf(pieces[i]);
    return out;
  }
  function seq(pieces) { return { $seq: pieces }; }
  function prompt(name) { return { $part: { kind: 'prompt', name: name } }; }
  function destination(v) {
    if (typeof v === 'number') return String(v);
    return text(v, 'transfer');
  }
  function loggable(v) {
    if (isSecret(v)) throw FlowError('secret-logged', 'a secret value cannot be logged');
    return v === undefined ? null : v;
  }
  function fields(name, v) {
    var out = {};
    setVar(out, name, loggable(v));
    return out;
  }
  function priority(v) { return v === null || v === undefined ? 0 : num(v, 'priority'); }
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
}