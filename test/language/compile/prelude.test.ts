import { getQuickJS, type QuickJSContext } from 'quickjs-emscripten';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_FUNCTIONS } from '../../../language/builtins.ts';
import { PRELUDE_SOURCE } from '../../../language/compile/prelude.ts';

/** Evaluates `expression` (with `$` bound to the prelude) in QuickJS; returns its JSON value or the error. */
let ctx: QuickJSContext;
function run(expression: string): unknown {
  const result = ctx.evalCode(
    `(function () { try { return JSON.stringify({ ok: (${expression}) }); } catch (e) { return JSON.stringify({ error: e.code || e.name, message: e.message }); } })()`,
  );
  const text = ctx.getString(result.unwrap());
  return JSON.parse(text);
}

beforeAll(async () => {
  ctx = (await getQuickJS()).newContext();
  ctx
    .evalCode(`${PRELUDE_SOURCE}\nvar $ = $prelude({ language: 'en', currency: 'EUR' });`)
    .unwrap()
    .dispose();
});
afterAll(() => ctx.dispose());

describe('prelude', () => {
  it('implements every builtin function of language/builtins.ts', () => {
    const implemented = run('Object.keys($.fn)') as { ok: string[] };
    expect(implemented.ok.sort()).toEqual([...BUILTIN_FUNCTIONS.keys()].sort());
  });

  it('text and number builtins', () => {
    expect(run('$.fn.substring("0800300400", 0, 4)')).toEqual({ ok: '0800' });
    expect(run('$.fn.replace("+38 044", " ", "")')).toEqual({ ok: '+38044' });
    expect(run('$.fn.round(2.345, 2)')).toEqual({ ok: 2.35 });
    expect(run('$.fn.toNumber(" 42 ")')).toEqual({ ok: 42 });
    expect(run('$.fn.toNumber("4x")')).toEqual({ ok: null });
    // Out of range is never a value: Infinity and NaN would not survive the state's JSON.
    expect(run(`$.fn.toNumber("${'9'.repeat(400)}")`)).toEqual({ ok: null });
    expect(run('$.fn.round(1, 400)')).toMatchObject({ error: 'not-finite' });
    expect(run('$.fn.endsWith("0800300400", "400")')).toEqual({ ok: true });
  });

  it('none is an error where a value is needed, never NaN', () => {
    expect(run('$.add(null, 1)')).toMatchObject({ error: 'not-number' });
    expect(run('$.mul(2, null)')).toMatchObject({ error: 'not-number' });
    expect(run('$.div(1, 0)')).toMatchObject({ error: 'division-by-zero' });
    expect(run('$.get(null, "name")')).toMatchObject({
      error: 'none-field',
      message: 'cannot read "name" of none',
    });
    expect(run('$.lt(null, 3)')).toMatchObject({ error: 'not-comparable' });
    expect(run('$.fn.upper(null)')).toMatchObject({ error: 'not-text' });
  });

  it('values: + joins text, == compares structure, in looks into lists, text and records', () => {
    expect(run('$.add("No. ", 5)')).toEqual({ ok: 'No. 5' });
    expect(run('$.eq({ a: [1, 2] }, { a: [1, 2] })')).toEqual({ ok: true });
    expect(run('$.eq(null, undefined)')).toEqual({ ok: true });
    expect(run('$.isIn("b", ["a", "b"])')).toEqual({ ok: true });
    expect(run('$.isIn("44", "+38044")')).toEqual({ ok: true });
    expect(run('$.isIn("vip", { vip: true })')).toEqual({ ok: true });
    expect(run('$.get({ constructor: 1 }, "toString")')).toEqual({ ok: null });
  });

  it('speech: text merged, formats as parts, the default currency, secrets refused', () => {
    expect(run('$.speak(["a", "b", 3, $.fn.money(5), true, null])')).toEqual({
      ok: [
        { kind: 'text', text: 'ab' },
        { kind: 'number', value: 3 },
        { kind: 'money', amount: 5, currency: 'EUR' },
        { kind: 'text', text: 'yes' },
      ],
    });
    expect(run('$.speak([$.seq(["x ", $.fn.digits(12)]), " y"])')).toEqual({
      ok: [
        { kind: 'text', text: 'x ' },
        { kind: 'digits', value: '12' },
        { kind: 'text', text: ' y' },
      ],
    });
    expect(run('$.speak([{ $secret: "r" }])')).toMatchObject({ error: 'secret-spoken' });
    expect(run('$.str(["Sum: ", $.fn.money(5, "UAH")])')).toEqual({ ok: 'Sum: 5 UAH' });
    expect(run('$.fields("pin", { $secret: "r" })')).toMatchObject({ error: 'secret-logged' });
  });

  it('a variable named __proto__ is an ordinary key', () => {
    expect(
      run(
        '(function () { var s = { vars: {} }; $.set(s, "__proto__", 5); return [$.v(s, "__proto__"), JSON.stringify(s.vars)]; })()',
      ),
    ).toEqual({
      ok: [5, '{"__proto__":5}'],
    });
  });

  it("own.copy() copies a state's vars, counters and frames, a var named __proto__ included, and shares its values", () => {
    const copied = run(`(function () {
      var flow = $.flow({ id: 'f' }, {});
      var vars = {}; $.set({ vars: vars }, '__proto__', 5); vars.list = [1, 2];
      var s = { flow: 'f', pc: 'a', step: 'main', vars: vars, frames: [{ returnPc: 'b', vars: { x: 1 }, step: 'main', target: null }], counters: { k: 1 }, call: { id: 'c' } };
      var c = flow.own.copy(s);
      c.vars.y = 1; c.counters.k = 2; c.frames[0].vars.x = 2; c.frames.pop();
      return [JSON.stringify(s), JSON.stringify(c), c.vars.list === vars.list, c.call === s.call, Object.getPrototypeOf(c.vars) === Object.prototype];
    })()`);
    expect(copied).toEqual({
      ok: [
        '{"flow":"f","pc":"a","step":"main","vars":{"__proto__":5,"list":[1,2]},"frames":[{"returnPc":"b","vars":{"x":1},"step":"main","target":null}],"counters":{"k":1},"call":{"id":"c"}}',
        '{"flow":"f","pc":"a","step":"main","vars":{"__proto__":5,"list":[1,2],"y":1},"frames":[],"counters":{"k":2},"call":{"id":"c"}}',
        true,
        true,
        true,
      ],
    });
  });

  it('a setter a js block put on Object.prototype does not catch a variable', () => {
    expect(
      run(`(function () {
        var caught = null;
        Object.defineProperty(Object.prototype, 'total', { set: function (v) { caught = v; }, configurable: true });
        try {
          var s = { vars: {} };
          $.set(s, 'total', 7);
          $.set(s, 'total', 8);
          return [caught, JSON.stringify(s.vars)];
        } finally {
          delete Object.prototype.total;
        }
      })()`),
    ).toEqual({ ok: [null, '{"total":8}'] });
  });

  it('the $ object is frozen', () => {
    expect(
      run(
        '(function () { "use strict"; try { $.get = null; return "changed"; } catch (e) { return "frozen"; } })()',
      ),
    ).toEqual({
      ok: 'frozen',
    });
  });
});
