/**
 * The part of the host shim (host-shim.ts) that keeps call states inside the context between steps,
 * one slot per call, so a state does not cross between host and VM on every step (each crossing
 * copies and re-encodes it).
 *
 * What a slot keeps depends on the flow:
 * - A flow with `own` (every compiled flow, language/compile/prelude.ts): the state object its last
 *   step returned. The next step steps on `own.copy()` of it, which copies only what steps change
 *   (the state, its vars, counters and frames) and shares the values, which never change. No JSON
 *   at all: QuickJS's JSON costs ~30 ns a character, which made it most of a step's cost.
 * - Any other flow (a hand-written one, tests): the state's JSON text, parsed for the next step.
 * Either way the slot is left as it was until the host accepts the step's result: the next call
 * confirms the change or undoes it.
 *
 * Uses the shim's captured builtins (`parse`, `stringify`, `mapGet`, ...); evaluated inside its
 * closure.
 */
export const HELD_STATE_SHIM = `
  /** slot -> the state object (a flow with own) or the state's JSON text (any other flow). */
  const slots = new TextMap();
  /** The change the last call made to a slot, until the next call confirms or undoes it. */
  let undoSlot = -1;
  let undoValue;

  function settleLast(undo) {
    if (undoSlot >= 0 && undo) {
      if (undoValue === undefined) mapDelete(slots, undoSlot);
      else mapSet(slots, undoSlot, undoValue);
    }
    undoSlot = -1;
    undoValue = undefined;
  }
  function drop(list) {
    for (let i = 0; i < list.length; i++) mapDelete(slots, list[i]);
  }
  /** The flow's own way in (own.start, own.step, own.copy), or null when it has none. */
  let ownFlow = null;
  let ownOf = null;
  function ownWay(flow) {
    if (flow === ownFlow) return ownOf;
    const own = flow.own;
    ownFlow = flow;
    ownOf = typeof own === 'object' && own !== null && typeof own.start === 'function' &&
      typeof own.step === 'function' && typeof own.copy === 'function' ? own : null;
    return ownOf;
  }
  /** A slot's state as a state a step may change (a slot holds an object only for a flow with own). */
  function load(value, own) {
    return typeof value === 'string' ? parse(value) : apply(own.copy, own, [value]);
  }
  /** What a slot keeps of a step's state; throws as JSON.stringify does for a text it cannot write. */
  function keepable(state, own) {
    if (own !== null) return state;
    const text = stringify(state);
    if (typeof text !== 'string') throw new TypeError('the result has no state');
    return text;
  }
  function hold(slot, value) {
    undoSlot = slot;
    undoValue = mapGet(slots, slot);
    mapSet(slots, slot, value);
  }
  /** The states of some slots as JSON text, one a line ('null' for an empty or unwritable slot). */
  function exportStates(list) {
    let out = '';
    for (let i = 0; i < list.length; i++) {
      const value = mapGet(slots, list[i]);
      let text = 'null';
      if (typeof value === 'string') text = value;
      else if (value !== undefined) {
        try {
          const written = stringify(value);
          if (typeof written === 'string') text = written;
        } catch (error) {}
      }
      out += (i > 0 ? '\\n' : '') + text;
    }
    return out;
  }
`;
