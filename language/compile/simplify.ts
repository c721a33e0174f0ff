/**
 * Tidies lowered blocks: jumps to blocks that only jump on are threaded to their final target, and
 * blocks no entry reaches (code after `hangup`, emptied jump blocks) are dropped. Fewer blocks means
 * fewer transitions per step and a smaller script.
 */
import { type Block, type Label, mapLabels, successors } from './ir.ts';

export function simplify(blocks: Block[], entries: Label[]): Block[] {
  const keep = new Set(entries);
  const forward = new Map<Label, Label>();
  for (const block of blocks) {
    if (block.ops.length === 0 && block.term.t === 'goto' && !keep.has(block.id)) {
      forward.set(block.id, block.term.to);
    }
  }
  const resolve = (label: Label): Label => {
    if (!forward.has(label)) return label;
    const seen = new Set<Label>();
    let current = label;
    while (forward.has(current) && !seen.has(current)) {
      seen.add(current);
      current = forward.get(current)!;
    }
    // A cycle of empty jumps (`a: goto b; b: goto a`) stays as written: the spin guard reports it.
    return seen.has(current) ? label : current;
  };
  // Each block threaded once, and only copied when one of its jumps actually moves.
  const threaded = new Map<Block, Block>();
  const thread = (block: Block): Block => {
    let done = threaded.get(block);
    if (done === undefined) {
      const moves = forward.size > 0 && successors(block.term).some((label) => forward.has(label));
      done = moves ? { ...block, term: mapLabels(block.term, resolve) } : block;
      threaded.set(block, done);
    }
    return done;
  };

  const byId = new Map<Label, Block>();
  for (const block of blocks) byId.set(block.id, block);
  const reached = new Set<Label>();
  const work = entries.filter((entry) => byId.has(entry));
  while (work.length > 0) {
    const id = work.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const next of successors(thread(byId.get(id)!).term))
      if (byId.has(next) && !reached.has(next)) work.push(next);
  }
  const kept: Block[] = [];
  for (const block of blocks) if (reached.has(block.id)) kept.push(thread(block));
  return readableOrder(kept, entries);
}

/**
 * Blocks grouped by body (in entry order) and numbered in the order lowering made them, which is
 * close to source order: the generated script reads top to bottom like the flow.
 */
function readableOrder(blocks: Block[], entries: Label[]): Block[] {
  const entryIndex = new Map(entries.map((entry, i) => [entry, i]));
  const keyed = blocks.map((block) => {
    const hash = block.id.lastIndexOf('#');
    const prefix = hash < 0 ? block.id : block.id.slice(0, hash);
    return {
      block,
      entry: entryIndex.get(prefix) ?? entries.length,
      n: hash < 0 ? 0 : Number(block.id.slice(hash + 1)),
    };
  });
  keyed.sort((a, b) => a.entry - b.entry || a.n - b.n);
  return keyed.map((k) => k.block);
}
