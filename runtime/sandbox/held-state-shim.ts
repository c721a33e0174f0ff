/**
 * The part of the host shim (host-shim.ts) that keeps call states inside the context between steps,
 * one slot per call, so a state does not cross between host and VM on every step (each crossing
 * copies and re-encodes it).
 *
 * A slot keeps the state as the JSON text a step wrote, exactly as the host would have kept it,
 * except for `state.call`: the call's facts never change, so the slot keeps them once as a frozen
 * object (a JSON copy of what the flow first returned), and the text holds `0` in their place. A
 * step parses the text and puts the object back, so the state's JSON is about half as long to
 * parse and write (QuickJS's JSON costs ~30 ns a character, which made it most of a step's cost).
 * A flow that sets `state.call` to another object has that one kept in turn.
 *
 * Uses the shim's captured builtins (`parse`, `stringify`, `freeze`, `mapGet`, ...); evaluated
 * inside its closure.
 */
export const HELD_STATE_SHIM = `
  /**
   * slot -> { text, call }: the state's JSON text with \`"flow":0\` and \`"call":0\` in place of
   * this flow's id (a slot only keeps this flow's states) and of the call's facts, kept once as a
   * frozen object.
   */
  const slots = new TextMap();
  /** The change the last call made to a slot, until the next call confirms or undoes it. */
  let undoSlot = -1;
  let undoHeld;
  let undoText;

  function settleLast(undo) {
    if (undoSlot >= 0 && undo) {
      if (undoHeld === undefined) mapDelete(slots, undoSlot);
      else {
        undoHeld.text = undoText;
        mapSet(slots, undoSlot, undoHeld);
      }
    }
    undoSlot = -1;
    undoHeld = undefined;
    undoText = undefined;
  }
  function drop(list) {
    for (let i = 0; i < list.length; i++) mapDelete(slots, list[i]);
  }
  function deepFreeze(v) {
    if (typeof v === 'object' && v !== null && !isFrozen(v)) {
      freeze(v);
      const names = keys(v);
      for (let i = 0; i < names.length; i++) deepFreeze(v[names[i]]);
    }
    return v;
  }
  /** The slot's state as a fresh object (what parsing the host's text would give). */
  function load(held, id) {
    const state = parse(held.text);
    state.flow = id;
    state.call = held.call;
    return state;
  }
  /**
   * The slot's state as the JSON text the host would have kept. In the usual layout (\`flow\`
   * first, \`call\` last: every compiled flow's state) the two are put back into the text; any
   * other state is written anew.
   */
  function wholeText(held, id, idText) {
    const text = held.text;
    if (startsWith(text, '{"flow":0,') && endsWith(text, ',"call":0}')) {
      return '{"flow":' + idText + slice(text, 9, text.length - 2) + held.callText + '}';
    }
    return stringify(load(held, id));
  }
  /** The states of some slots as JSON text, one a line ('null' for an empty slot). */
  function exportStates(list, id, idText) {
    let out = '';
    for (let i = 0; i < list.length; i++) {
      const held = mapGet(slots, list[i]);
      out += (i > 0 ? '\\n' : '') + (held === undefined ? 'null' : wholeText(held, id, idText));
    }
    return out;
  }
  // What keepable() made of a state, until hold() puts it in the slot.
  let nextText = null;
  let nextFacts = null;
  let nextFactsText = null;
  /**
   * Writes a step's resulting state as its slot would keep it; \`state.flow\` is this flow's id
   * (the host refuses another flow's state, and the slot keeps the last one). Throws as
   * JSON.stringify does on a state JSON cannot write; nothing has changed then.
   */
  function keepable(held, state) {
    const flow = state.flow;
    const call = state.call;
    nextText = null;
    nextFacts = held !== undefined && call === held.call ? call : null;
    if (!isFrozen(state)) {
      try {
        if (nextFacts === null) {
          // A new call object (the first state of a call): its facts as JSON makes them.
          const facts = stringify(call);
          if (typeof facts === 'string') {
            nextFacts = deepFreeze(parse(facts));
            nextFactsText = facts;
          }
        }
        state.flow = 0;
        state.call = 0;
        if (nextFacts !== null && state.flow === 0 && state.call === 0) nextText = stringify(state);
      } catch (error) {
        nextText = null;
      }
      try {
        state.flow = flow;
        state.call = call;
      } catch (error) {}
    }
    if (nextText === null) {
      // A state the swap does not work on (frozen, odd properties): written whole, and the call's
      // facts taken from what JSON made of them. A state JSON cannot write throws here.
      const fresh = parse(stringify(state));
      nextFacts = deepFreeze(fresh.call);
      nextFactsText = stringify(nextFacts);
      fresh.flow = 0;
      fresh.call = 0;
      nextText = stringify(fresh);
    }
  }
  /** Puts what keepable() made in the slot (\`held\`: what it holds now); the next call settles it. */
  function hold(slot, held) {
    undoSlot = slot;
    undoHeld = held;
    undoText = held === undefined ? undefined : held.text;
    if (held !== undefined && held.call === nextFacts) held.text = nextText;
    else mapSet(slots, slot, { text: nextText, call: nextFacts, callText: nextFactsText });
    nextText = null;
    nextFacts = null;
    nextFactsText = null;
  }
`;
