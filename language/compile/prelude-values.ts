/**
 * Prelude, part 1 (JavaScript source embedded in every compiled script): values, operators,
 * builtin functions and speech. Runs inside `$prelude(config)` (see prelude.ts), where `config`
 * is `{ language, currency }` and `FlowError`, `clone`, `hasOwn` are already defined.
 *
 * DSL semantics live here rather than in JS operators: `none` used as a number, a field read on
 * `none`, division by zero are errors (the call goes to the fallback), never NaN or `undefined`.
 * Speech formats (`money(...)`) evaluate to `{$part: SpeechPart}`; a template in spoken text that
 * is not spoken directly becomes `{$seq: [...]}`; `$speak` flattens both into SpeechPart[].
 *
 * Kept to ES5-style functions so it reads the same in QuickJS and any engine.
 */
export const PRELUDE_VALUES = String.raw`
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
`;
