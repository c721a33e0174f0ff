/**
 * Generic traversal of the AST, so the checker, compiler helpers and editor services do not each
 * hand-write the list of child slots of every node kind.
 */
import type { AnyNode, Branch, Statement } from './ast.ts';

/** The direct children of a node, in source order. */
export function childrenOf(node: AnyNode): AnyNode[] {
  const out: AnyNode[] = [];
  pushChildren(node, out);
  return out;
}

/**
 * Appends a node's children to `out`, in source order. One switch shared by `childrenOf` and
 * `walk`: the walk runs over every node of a document several times per analysis and compile, so it
 * allocates nothing per node.
 */
function pushChildren(node: AnyNode, out: AnyNode[]): void {
  switch (node.kind) {
    case 'Document':
      all(out, node.declarations);
      return;
    case 'Flow':
      out.push(node.name);
      all(out, node.header);
      all(out, node.body);
      all(out, node.steps);
      return;
    case 'Subflow':
      out.push(node.name);
      all(out, node.params);
      all(out, node.body);
      return;
    case 'Step':
      out.push(node.name);
      all(out, node.body);
      return;
    case 'Answers':
      all(out, node.numbers);
      return;
    case 'Language':
      out.push(node.language);
      return;
    case 'Fallback':
      out.push(node.action);
      return;
    case 'Group':
      out.push(node.group);
      return;
    case 'Timezone':
      out.push(node.zone);
      return;
    case 'Say':
      all(out, node.parts);
      return;
    case 'Play':
      out.push(node.prompt);
      return;
    case 'Menu':
      out.push(node.name);
      some(out, node.retries);
      some(out, node.timeout);
      all(out, node.prompts);
      all(out, node.choices);
      some(out, node.afterRetries);
      return;
    case 'Choice':
      all(out, node.keys);
      out.push(node.body);
      return;
    case 'Branch':
      all(out, node.body);
      return;
    case 'Ask':
      out.push(node.target, node.min, node.max);
      some(out, node.terminator);
      some(out, node.timeout);
      some(out, node.interdigit);
      some(out, node.pattern);
      some(out, node.retries);
      all(out, node.prompts);
      all(out, node.handlers);
      some(out, node.afterRetries);
      return;
    case 'Question':
      out.push(node.name, node.text);
      some(out, node.min);
      some(out, node.max);
      all(out, node.options);
      all(out, node.branches);
      return;
    case 'Option':
      out.push(node.key, node.label);
      return;
    case 'QuestionBranch':
      out.push(node.answer, node.body);
      return;
    case 'Let':
    case 'Set':
      out.push(node.target, node.value);
      some(out, node.onError);
      return;
    case 'If':
      out.push(node.condition);
      all(out, node.then);
      if (node.otherwise) all(out, node.otherwise);
      return;
    case 'Goto':
      out.push(node.target);
      return;
    case 'Retry':
      out.push(node.target, node.times, node.otherwise);
      return;
    case 'Queue':
      out.push(node.queue);
      some(out, node.priority);
      all(out, node.skills);
      some(out, node.maxWait);
      some(out, node.announce);
      some(out, node.announceEvery);
      some(out, node.music);
      some(out, node.onOverflow);
      return;
    case 'Transfer':
      out.push(node.destination);
      return;
    case 'Log':
      out.push(node.field, node.value);
      return;
    case 'CallStmt':
      out.push(node.call);
      return;
    case 'Call':
      out.push(node.callee);
      all(out, node.args);
      return;
    case 'Return':
      some(out, node.value);
      return;
    case 'Data':
      out.push(node.call);
      some(out, node.onError);
      return;
    case 'Template':
      for (const part of node.parts) if (typeof part !== 'string') out.push(part);
      return;
    case 'List':
      all(out, node.items);
      return;
    case 'Member':
      out.push(node.object, node.property);
      return;
    case 'Unary':
      out.push(node.operand);
      return;
    case 'Binary':
      out.push(node.left, node.right);
      return;
    case 'Conditional':
      out.push(node.test, node.then, node.otherwise);
      return;
    case 'IsNone':
      out.push(node.operand);
      return;
    case 'Within':
      out.push(node.calendar);
      return;
    case 'Paren':
      out.push(node.inner);
      return;
    default:
      // Leaves: Name, Comment, literals, Ident, Repeat, Record, Hangup, Js, JsExpr, ChoiceKey.
      return;
  }
}

function all(out: AnyNode[], nodes: readonly AnyNode[]): void {
  for (let i = 0; i < nodes.length; i++) out.push(nodes[i]!);
}

function some(out: AnyNode[], node: AnyNode | null): void {
  if (node !== null) out.push(node);
}

/** Depth-first pre-order walk. Return `false` from `visit` to skip a node's children. */
export function walk(
  node: AnyNode,
  visit: (node: AnyNode, parent: AnyNode | null) => boolean | undefined,
): void {
  // Nodes to visit and their parents, in two stacks shared by every walk (checks walk each small
  // expression, and a visit may start a walk of its own: each walk only touches the stacks above
  // where it started). A node's children are pushed in source order, then reversed in place so the
  // first child is visited first.
  const nodes = pending;
  const parents = pendingParents;
  const base = nodes.length;
  nodes.push(node);
  parents.push(null);
  try {
    while (nodes.length > base) {
      const current = nodes.pop()!;
      const parent = parents.pop()!;
      if (visit(current, parent) === false) continue;
      const from = nodes.length;
      pushChildren(current, nodes);
      for (let i = from, j = nodes.length - 1; i < j; i++, j--) {
        const first = nodes[i]!;
        nodes[i] = nodes[j]!;
        nodes[j] = first;
      }
      for (let i = from; i < nodes.length; i++) parents.push(current);
    }
  } finally {
    nodes.length = base;
    parents.length = base;
  }
}

const pending: AnyNode[] = [];
const pendingParents: (AnyNode | null)[] = [];

/** The innermost node whose range contains `offset`, with its ancestors (outermost first). */
export function nodePathAt(root: AnyNode, offset: number): AnyNode[] {
  const path: AnyNode[] = [];
  let current: AnyNode | undefined = root;
  while (current) {
    path.push(current);
    current = childrenOf(current).find((c) => c.range.start.offset <= offset && offset <= c.range.end.offset);
  }
  return path;
}

/** Statements nested directly in a branch/block-bearing statement (not expressions). */
export function nestedBlocks(stmt: Statement): Statement[][] {
  const branch = (b: Branch | null) => (b ? [b.body] : []);
  switch (stmt.kind) {
    case 'Menu':
      return [...stmt.choices.map((c) => c.body.body), ...branch(stmt.afterRetries)];
    case 'Ask':
      return [...stmt.handlers.map((c) => c.body.body), ...branch(stmt.afterRetries)];
    case 'Question':
      return stmt.branches.map((b) => b.body.body);
    case 'Let':
    case 'Set':
    case 'Data':
      return branch(stmt.onError);
    case 'If':
      return [stmt.then, ...(stmt.otherwise ? [stmt.otherwise] : [])];
    case 'Retry':
      return [[stmt.otherwise]];
    case 'Queue':
      return branch(stmt.onOverflow);
    default:
      return [];
  }
}
