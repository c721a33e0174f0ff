/**
 * Script evaluated in every sandbox context before the flow's own script. It returns a factory of
 * the one entry point the host calls for a flow: JSON text in, JSON text out, so no host object
 * ever enters the VM. A call is `entry(json, stateText)`: `json` is `[entry, epochMs, args]`, and
 * for `step`/`fallback` the state travels as its own text, prepended to the args.
 *
 * `JSON`, `Reflect.apply` and `Date` are captured here, before flow code runs, so a `js` block that
 * overwrites globals cannot forge what the host receives. `Date` is replaced by one whose "now" is
 * the call's clock (the step input's `clock.epochMs`): a step stays a pure function of its input.
 *
 * One saving, because JSON dominates a step's cost in QuickJS: the compiled step's first act is to
 * clone its state (`JSON.parse(JSON.stringify(state))`). The state object was parsed here from
 * text for this call alone and nobody else holds it, so the global `JSON` answers that one
 * stringify with the text it came from and the following parse of that text with the object
 * itself. Any other use of `JSON` goes to the real functions.
 */
import { FLOWS_GLOBAL } from '../../language/compiled-format.ts';

export const HOST_SHIM_FILE = 'callflow-host.js';

export const HOST_SHIM = `(function () {
  'use strict';
  const realJSON = JSON;
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const apply = Reflect.apply;
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
  const g = globalThis;
  if (!g.${FLOWS_GLOBAL}) g.${FLOWS_GLOBAL} = {};
  const ENTRIES = ['start', 'step', 'fallback'];
  return function entryFor(id) {
    return function callflowEntry(json, stateText) {
      const call = parse(json);
      now = call[1];
      const fn = ENTRIES[call[0]];
      const args = call[2];
      if (stateText !== undefined) {
        fresh = parse(stateText);
        freshText = stateText;
        args.unshift(fresh);
      }
      try {
        const flow = g.${FLOWS_GLOBAL} && g.${FLOWS_GLOBAL}[id];
        if (!flow || typeof flow[fn] !== 'function') throw new TypeError('flow ' + id + ' has no ' + fn + '()');
        return stringify(apply(flow[fn], flow, args));
      } finally {
        fresh = null;
        freshText = null;
        handed = null;
      }
    };
  };
})()`;
