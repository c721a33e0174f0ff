/**
 * Generic traversal of the AST, so the checker, compiler helpers and editor services do not each
 * hand-write the list of child slots of every node kind.
 */
import type { AnyNode, Branch, Expr, Statement } from './ast.ts';

/** The direct children of a node, in source order. */
export function childrenOf(node: AnyNode): AnyNode[] {
  switch (node.kind) {
    case 'Document':
      return node.declarations;
    case 'Flow':
      return [node.name, ...node.header, ...node.body, ...node.steps];
    case 'Subflow':
      return [node.name, ...node.params, ...node.body];
    case 'Step':
      return [node.name, ...node.body];
    case 'Answers':
      return node.numbers;
    case 'Language':
      return [node.language];
    case 'Fallback':
      return [node.action];
    case 'Group':
      return [node.group];
    case 'Timezone':
      return [node.zone];
    case 'Say':
      return node.parts;
    case 'Play':
      return [node.prompt];
    case 'Menu':
      return compact([
        node.name,
        node.retries,
        node.timeout,
        ...node.prompts,
        ...node.choices,
        node.afterRetries,
      ]);
    case 'Choice':
      return [...node.keys, node.body];
    case 'Branch':
      return node.body;
    case 'Ask':
      return compact([
        node.target,
        node.min,
        node.max,
        node.terminator,
        node.timeout,
        node.interdigit,
        node.pattern,
        node.retries,
        ...node.prompts,
        ...node.handlers,
        node.afterRetries,
      ]);
    case 'Question':
      return compact([node.name, node.text, node.min, node.max, ...node.options, ...node.branches]);
    case 'Option':
      return [node.key, node.label];
    case 'QuestionBranch':
      return [node.answer, node.body];
    case 'Let':
    case 'Set':
      return compact([node.target, node.value, node.onError]);
    case 'If':
      return [node.condition, ...node.then, ...(node.otherwise ?? [])];
    case 'Goto':
      return [node.target];
    case 'Retry':
      return [node.target, node.times, node.otherwise];
    case 'Queue':
      return compact([
        node.queue,
        node.priority,
        ...node.skills,
        node.maxWait,
        node.announce,
        node.announceEvery,
        node.music,
        node.onOverflow,
      ]);
    case 'Transfer':
      return [node.destination];
    case 'Log':
      return [node.field, node.value];
    case 'CallStmt':
      return [node.call];
    case 'Call':
      return [node.callee, ...node.args];
    case 'Return':
      return compact([node.value]);
    case 'Data':
      return compact([node.call, node.onError]);
    case 'Template':
      return node.parts.filter((p): p is Expr => typeof p !== 'string');
    case 'List':
      return node.items;
    case 'Member':
      return [node.object, node.property];
    case 'Unary':
      return [node.operand];
    case 'Binary':
      return [node.left, node.right];
    case 'Conditional':
      return [node.test, node.then, node.otherwise];
    case 'IsNone':
      return [node.operand];
    case 'Within':
      return [node.calendar];
    case 'Paren':
      return [node.inner];
    default:
      // Leaves: Name, Comment, literals, Ident, Repeat, Record, Hangup, Js, JsExpr, ChoiceKey.
      return [];
  }
}

function compact(nodes: (AnyNode | null)[]): AnyNode[] {
  return nodes.filter((n): n is AnyNode => n !== null);
}

/** Depth-first pre-order walk. Return `false` from `visit` to skip a node's children. */
export function walk(
  node: AnyNode,
  visit: (node: AnyNode, parent: AnyNode | null) => boolean | undefined,
): void {
  const stack: [AnyNode, AnyNode | null][] = [[node, null]];
  while (stack.length > 0) {
    const [current, parent] = stack.pop()!;
    if (visit(current, parent) === false) continue;
    const children = childrenOf(current);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], current]);
  }
}

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
